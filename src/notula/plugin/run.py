"""MkDocs run from the command line's `build` (in this process), with the Notula plugin's options
set by the command line rather than read from the environment."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from notula.engine import ENGINES
from notula.plugin.plugin import plugin_of

HANDLER = "notula-console"


def load(config_file: Path, *, audience: str | None = None, today: dt.date | None = None,
         **options: Any) -> MkDocsConfig:
    """mkdocs.yml loaded and checked, with the plugin's audience and date set where given.
    Raises mkdocs.exceptions.ConfigurationError or PluginError (no Notula plugin)."""
    config = load_config(config_file=str(config_file), **options)
    plugin = plugin_of(config)
    if audience is not None:
        plugin.config.audience = audience
    if today is not None:
        plugin.config.today = today
    return config


def build_site(config_file: Path, site_dir: Path, audience: str, today: dt.date | None = None) -> None:
    """One strict build of the site into site_dir. Raises a MkDocsException saying why it failed."""
    config = load(config_file, audience=audience, today=today, site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def show_messages(level: int = logging.INFO) -> None:
    """The engine's and Notula's log messages on the terminal, as `mkdocs` prints them. ProperDocs
    logs under its own name (notula.engine), Notula under mkdocs.*: both are shown."""
    for logger in (logging.getLogger(name) for name in ENGINES):
        if not any(getattr(h, "name", None) == HANDLER for h in logger.handlers):
            handler = logging.StreamHandler()
            handler.name = HANDLER
            handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
            logger.addHandler(handler)
        logger.setLevel(level)
        logger.propagate = False
