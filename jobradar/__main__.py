"""`python -m jobradar` is the `jobradar` command."""

from jobradar.cli import main

main()
