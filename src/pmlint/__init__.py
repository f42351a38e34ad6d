"""pmlint: lint and analyze incident postmortems written in Markdown."""

__version__ = "0.1.0"
