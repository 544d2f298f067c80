"""Notula: publish a collaboration group's meeting minutes as a static site."""

__version__ = "0.1.0"
