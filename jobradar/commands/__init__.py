"""The `jobradar` subcommands, one module per kind of work."""
