"""The daily refresh: job functions and the APScheduler process that runs them."""
