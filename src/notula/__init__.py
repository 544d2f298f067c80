"""Notula: publish a collaboration group's meeting minutes as a static site."""

from importlib.metadata import PackageNotFoundError, version

try:  # the installed distribution's version: pyproject.toml is the one place it is written
    __version__ = version("notula")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
