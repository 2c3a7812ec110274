"""jobradar: daily counts and a salary index of the remote AI-infrastructure job market."""

__version__ = "0.1.0"
