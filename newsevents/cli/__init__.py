"""The command-line interface: a thin shell over the Python API."""

from newsevents.cli.main import app, main

__all__ = ["app", "main"]
