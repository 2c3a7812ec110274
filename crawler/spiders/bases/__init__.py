"""Base spiders, one per source type; concrete spiders are declarations on top of them."""
