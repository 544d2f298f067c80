"""The plugin's options in mkdocs.yml (`plugins: - notula: …`), checked by MkDocs when it loads
them, and read the same way by the commands that run no build (site_settings)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from notula import retired
from notula.errors import ConfigError
from notula.i18n import _
from notula.publishing import launch
from notula.settings import (
    AUDIENCES,
    DEFAULT_MINUTES_DIR,
    DEFAULT_PUBLIC_NAMES,
    DEFAULT_TIME_ZONE,
    Settings,
    SettingsError,
    minutes_folder,
    names_policy,
    site_address,
    zone,
)

PLUGIN = "notula"


class _Date(c.BaseConfigOption[dt.date | None]):
    """A date, written YYYY-MM-DD (YAML reads it as a date; !ENV gives a string)."""

    def run_validation(self, value: object) -> dt.date | None:
        if value in (None, ""):
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise base.ValidationError(_("write a date as YYYY-MM-DD, not '{value}'").format(value=value)) from None


class _TimeZone(c.Type[str]):
    """An IANA time zone name, such as Europe/Stockholm."""

    def __init__(self) -> None:
        super().__init__(str, default=DEFAULT_TIME_ZONE)

    def run_validation(self, value: object) -> str:
        name = super().run_validation(value)
        try:
            zone(name)
        except SettingsError as exc:
            raise base.ValidationError(str(exc)) from None
        return name


class _MinutesDir(c.Type[str]):
    """The minutes folder, relative to mkdocs.yml's folder (notula.settings.minutes_folder)."""

    def __init__(self) -> None:
        super().__init__(str, default=DEFAULT_MINUTES_DIR)

    def run_validation(self, value: object) -> str:
        try:
            return minutes_folder(super().run_validation(value))
        except SettingsError as exc:
            raise base.ValidationError(str(exc)) from None


class _PublicNames(c.Type[str]):
    """The names policy of groups whose groups.yml entry has no public_names."""

    def __init__(self) -> None:
        super().__init__(str, default=DEFAULT_PUBLIC_NAMES)

    def run_validation(self, value: object) -> str:
        try:
            return names_policy(value)
        except SettingsError as exc:
            raise base.ValidationError(str(exc)) from None


class _SiteAddress(c.BaseConfigOption[str | None]):
    """A site's absolute address (notula.settings.site_address), or nothing."""

    def __init__(self, option: str) -> None:
        super().__init__()
        self.option = option

    def run_validation(self, value: object) -> str | None:
        if value in (None, ""):
            return None
        try:
            return site_address(value, self.option)
        except SettingsError as exc:
            raise base.ValidationError(str(exc)) from None


class _PartPages(c.Type[int]):
    """The most pages one run of Pagefind indexes: a whole number, 1 or more (left out: as many as
    the memory leaves room for, notula.publishing.search.part_pages_for)."""

    def __init__(self) -> None:
        super().__init__(int)

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or number < 1:
            raise base.ValidationError(_("write a whole number of pages, 1 or more, not '{value}'").format(value=value))
        return number


class NotulaConfig(base.Config):
    """Notula's options. Left out, audience and today come from the environment (notula.settings)."""

    audience = c.Optional(c.Choice(AUDIENCES))
    today = _Date()
    time_zone = _TimeZone()
    minutes_dir = _MinutesDir()
    public_names = _PublicNames()
    members_url = _SiteAddress("members_url")  # the members' site's address; site_url is the public one's
    demo = c.Type(bool, default=False)  # a demonstration, never published at its site_url (publishing.launch)
    search_part_pages = c.Optional(_PartPages())  # the most pages one run of Pagefind indexes (publishing.search)


def settings_of(options: NotulaConfig, root: Path, docs_dir: str, site_dir: str, preview: bool = False) -> Settings:
    """The settings from validated options; root: mkdocs.yml's folder, docs_dir and site_dir:
    MkDocs' (relative to root, or absolute). Raises SettingsError."""
    def relative(folder: str) -> str:
        return os.path.relpath(os.path.join(root, folder), root).replace(os.sep, "/")

    return Settings.resolve(audience=options.audience, today=options.today, time_zone=options.time_zone,
                            preview=preview, minutes_dir=options.minutes_dir, public_names=options.public_names,
                            docs_dir=relative(docs_dir), site_dir=relative(site_dir), members_url=options.members_url)


def site_addresses(site_url: object, options: object) -> tuple[str, ...]:
    """Every address the site is known by, the one place that lists them: mkdocs.yml's site_url
    and the members' site's own (the plugin's members_url, where the plugin has that option).
    A link to a hidden page at any of them is taken away like a relative one (showing.links)."""
    return tuple(str(address) for address in (site_url, getattr(options, "members_url", None)) if address)


def site_addresses_of(root: Path) -> tuple[str, ...]:
    """site_addresses as a build of root/mkdocs.yml would have them (for notula check).
    Raises ConfigError as site_settings does."""
    loaded, config = _read(root)
    return site_addresses((loaded or {}).get("site_url"), config)


def docs_folder_of(root: Path) -> Path:
    """The site's docs_dir, as root/mkdocs.yml sets it (MkDocs' default: docs). Raises ConfigError."""
    return root / _docs_dir(_load(root) or {})


def site_settings(root: Path) -> Settings:
    """The site's settings as a build would settle them, without running one: the notula plugin's
    options in root/mkdocs.yml, read with MkDocs' own loader (!ENV, INHERIT) and checked by
    NotulaConfig as MkDocs checks them. No mkdocs.yml, or no notula plugin in it: the defaults.
    Raises ConfigError naming mkdocs.yml and the option."""
    loaded = _load(root)
    if loaded is None:
        return Settings.resolve()
    config = _options(root, loaded)
    if config is None:
        return Settings.resolve()
    try:
        return settings_of(config, root, _docs_dir(loaded), str(loaded.get("site_dir") or "site"))
    except SettingsError as exc:
        raise ConfigError(_("mkdocs.yml: plugin 'notula': {error}").format(error=exc)) from None


def site_placeholders(root: Path, settings: Settings) -> list[launch.Placeholder]:
    """The placeholders of `notula init` left in the site at root (notula.publishing.launch),
    as a public build would find them."""
    loaded = _load(root)
    if loaded is None:
        return []
    config = _options(root, loaded)
    return launch.placeholders(root, root / _docs_dir(loaded), root / settings.minutes_dir,
                               str(loaded.get("site_url") or ""), bool(config and config.demo))


def site_old_options(root: Path) -> list[retired.OldOption]:
    """The options of an older Notula left in root/mkdocs.yml (notula.retired), with their fixes."""
    loaded = _load(root)
    return retired.old_options(loaded) if loaded is not None else []


def _load(root: Path) -> dict | None:
    """root/mkdocs.yml as MkDocs reads it (None: there is none). Raises ConfigError."""
    return _mkdocs_yml(root / "mkdocs.yml")


def _options(root: Path, loaded: dict) -> NotulaConfig | None:
    """The notula plugin's options, checked (None: the plugin is not used). Raises ConfigError."""
    options = _plugin_options(loaded.get("plugins"))
    if options is None:
        return None
    config = NotulaConfig(config_file_path=str(root / "mkdocs.yml"))
    config.load_dict(options)
    errors, warnings = config.validate()
    if errors or warnings:  # `notula build` is strict: a warning stops it too
        raise ConfigError("\n".join(_("mkdocs.yml: plugin 'notula', option '{option}': {error}").format(option=name, error=error)
                                     for name, error in [*errors, *warnings]))
    return config



def _read(root: Path) -> tuple[dict | None, NotulaConfig | None]:
    """root/mkdocs.yml as loaded, and the notula plugin's options in it, checked (None: no
    mkdocs.yml, or no notula plugin in it). Raises ConfigError."""
    loaded = _load(root)
    return loaded, (_options(root, loaded) if loaded is not None else None)

def _docs_dir(loaded: dict) -> str:
    return str(loaded.get("docs_dir") or "docs")


def site_url(root: Path) -> str:
    """mkdocs.yml's site_url (the public site's address), checked as site_address checks it, as
    MkDocs reads it (!ENV included). Raises ConfigError naming the setting and the fix."""
    loaded = _load(root) or {}
    try:
        return site_address(loaded.get("site_url"), "site_url")
    except SettingsError as exc:
        raise ConfigError(_("mkdocs.yml: {error}").format(error=exc)) from None


def _mkdocs_yml(path: Path) -> dict | None:
    """mkdocs.yml as MkDocs' loader reads it (None: there is none). Raises ConfigError."""
    if not path.is_file():
        return None
    try:
        with path.open("rb") as stream:
            # !relative is resolved by MkDocs only where it is used; here it is only read past.
            loaded: Any = yaml_load(stream, get_yaml_loader(config=SimpleNamespace()))  # type: ignore[arg-type]
    except (ConfigurationError, yaml.YAMLError, OSError, ValueError) as exc:
        raise ConfigError(_("mkdocs.yml cannot be read: {error}").format(error=exc)) from None
    if not isinstance(loaded, dict):
        raise ConfigError(_("mkdocs.yml cannot be read: it is not a mapping of settings"))
    return loaded


def _plugin_options(plugins: object) -> dict | None:
    """The notula plugin's options as mkdocs.yml gives them (None: not used, or disabled)."""
    entries: list = []
    if isinstance(plugins, dict):
        entries = list(plugins.items())
    elif isinstance(plugins, list):
        entries = [next(iter(item.items())) if isinstance(item, dict) and len(item) == 1 else (item, {})
                   for item in plugins]
    for name, options in entries:
        if name not in (PLUGIN, "/" + PLUGIN):
            continue
        if not isinstance(options, dict):
            if options is not None:
                raise ConfigError(_("mkdocs.yml: the options of plugin 'notula' must be 'option: value' lines"))
            options = {}
        options = dict(options)
        if options.pop("enabled", True) is False:
            return None
        return options
    return None
