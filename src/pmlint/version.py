"""The version, in a module of its own so outputs can name it without importing pmlint's API."""

__version__ = "0.1.0"
