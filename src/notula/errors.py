"""The base of every exception Notula raises on purpose.

A NotulaError's message is written for the person who runs Notula (file, line, field, the fix);
the CLI prints it as it is. Anything else that escapes is a bug and is reported as one.
"""

from __future__ import annotations


class NotulaError(Exception):
    """An error Notula detected and explained: bad input, a failed check or a missing tool."""


class ConfigError(NotulaError, ValueError):
    """A setting (an environment variable, an option in mkdocs.yml) has a value Notula cannot use;
    the message names the setting and what to write."""
