"""Which engine builds the site: MkDocs 1.x, or ProperDocs, its maintained continuation.

Notula's code imports the engine as `mkdocs.*` everywhere. Run as `properdocs build` or
`properdocs serve`, ProperDocs answers those imports itself (its `properdocs.replacement`), so
a site's mkdocs.yml builds the same on either. The `notula` command uses MkDocs unless
NOTULA_ENGINE=properdocs; choose() must run before anything imports `mkdocs`.
"""

from __future__ import annotations

import importlib
import os

from notula.errors import NotulaError
from notula.i18n import _

ENGINES = ("mkdocs", "properdocs")
VARIABLE = "NOTULA_ENGINE"


def choose() -> str:
    """Make the engine NOTULA_ENGINE names (default mkdocs) the one `mkdocs.*` imports reach;
    return its name. Raises NotulaError for an unknown or missing engine."""
    name = os.environ.get(VARIABLE, "").strip().lower() or "mkdocs"
    if name not in ENGINES:
        raise NotulaError(_("{variable}={value}: the engine must be one of {engines}")
                          .format(variable=VARIABLE, value=os.environ[VARIABLE], engines=", ".join(ENGINES)))
    if name == "properdocs":
        try:
            importlib.import_module("properdocs.replacement")
        except ImportError:
            raise NotulaError(_("{variable}=properdocs, but ProperDocs is not installed: pip install properdocs")
                              .format(variable=VARIABLE)) from None
    return name
