"""The bridge between Notula and MkDocs, called by the plugin (plugin.py).

Kept free of MkDocs imports at module level so that it can be unit tested;
the MkDocs objects come in as arguments.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale

import notula
from notula import urls
from notula.errors import NotulaError
from notula.i18n import _
from notula.model.corpus import Corpus
from notula.model.registry import Registry
from notula.model.validate import load_corpus
from notula.model.validation_cache import ValidationCache
from notula.problems import Problem, ProblemsFound
from notula.publishing.audit import Report as AuditReport
from notula.publishing.audit import audit, published_texts, secrets
from notula.reading.comments import strip_comments, unclosed_comment
from notula.rendering import abbr, body, pages, render
from notula.rendering.page import Page
from notula.rendering.pages import AttachmentFile
from notula.rendering.policies import fill_names_policies
from notula.rendering.registers import SiteText
from notula.settings import DEFAULT_MINUTES_DIR, DEFAULT_PUBLIC_NAMES
from notula.showing.audience import Audience
from notula.showing.links import HiddenLinks, hidden_addresses, unlink_hidden, unlink_hidden_html
from notula.showing.view import View, build_view

NAV_PLACEHOLDER = "NOTULA"


@dataclass
class Build:
    """One build of the site: the validated view and the pages made from it."""

    root: Path
    audience: Audience
    view: View
    pages: list[Page] = field(default_factory=list)
    attachments: list[AttachmentFile] = field(default_factory=list)
    links: HiddenLinks = field(default_factory=lambda: HiddenLinks(()))  # what links this build takes away
    corpus: Corpus | None = None  # every valid document, the hidden ones included
    by_src_uri: dict[str, Page] = field(init=False)

    def __post_init__(self) -> None:
        self.by_src_uri = {page.src_uri: page for page in self.pages}


def prepare(root: Path, docs_uris: dict[str, str], audience: Audience,
            text: SiteText | None = None, cache: ValidationCache | None = None,
            minutes_dir: str = DEFAULT_MINUTES_DIR, public_names: str = DEFAULT_PUBLIC_NAMES,
            site_addresses: tuple[str, ...] = ()) -> Build:
    """Validate everything and plan every page (each is made when first asked for). Raises
    ProblemsFound on any problem. text: the start page's heading and introduction; cache: results
    of earlier validations to reuse (the preview's); minutes_dir and public_names: the site's
    settings (notula.settings); site_addresses: every address the site is known by
    (plugin.config.site_addresses), whose absolute links to hidden pages are taken away too."""
    # The preview (with a cache, or drafts) forks no workers once its server threads run; its
    # first build, with an empty cache, comes before them.
    parallel = not len(cache) if cache is not None else not audience.drafts
    corpus = load_corpus(root, reserved=docs_uris, parallel=parallel, cache=cache,
                         minutes_dir=minutes_dir, public_names=public_names)
    problems = _reserved_group_ids(corpus.registry)
    view = build_view(corpus, audience)
    generated = pages.generate(view, text)
    problems += _collisions(generated, docs_uris) + _unclosed_comments(root, docs_uris)
    if problems:
        raise ProblemsFound(problems)
    links = HiddenLinks(hidden_addresses(corpus, view), site_addresses)
    return Build(root, audience, view, generated, pages.attachment_files(view), links, corpus)


def audit_public_site(build: Build, site_dir: Path, site_url: str, public_texts: Iterable[str],
                      copied: Iterable[str]) -> AuditReport:
    """The leak audit of a finished public build (see audit.py). Raises audit.LeakFound.
    public_texts: the site's other public sources (hand-written pages, theme templates);
    copied: sha256 of the files the build copies unchanged (theme assets, attachments)."""
    found = secrets(build.corpus or build.view.corpus, build.view.corpus, build.view.names.hidden,
                    itertools.chain(public_texts, _notula_texts(), published_texts(Path(a.abs_path) for a in build.attachments)))
    return audit(site_dir, found, site_url, copied)


def _notula_texts() -> Iterator[str]:
    """What Notula writes itself: its templates and code (labels, headings), and Babel's Swedish
    month and day names (dates)."""
    for path in sorted(Path(notula.__file__).parent.rglob("*")):
        if path.suffix in (".py", ".j2"):
            yield path.read_text(encoding="utf-8", errors="replace")
    locale = Locale.parse("sv")
    for width in ("wide", "abbreviated"):
        yield " ".join(locale.months["format"][width].values()) + " " + " ".join(locale.days["format"][width].values())


def _reserved_group_ids(registry: Registry) -> list[Problem]:
    return [
        Problem(registry.file("groups"), None, f"{group_id}.id",
                _("the group id '{id}' is a reserved address on the site").format(id=group_id),
                _("choose another id (not one of: {ids})").format(ids=", ".join(sorted(urls.RESERVED))))
        for group_id in registry.groups if group_id in urls.RESERVED
    ]


def _collisions(generated: list[Page], docs_uris: dict[str, str]) -> list[Problem]:
    return [
        Problem(docs_uris[page.src_uri], None, None,
                _("this page has the address '{url}', which Notula generates").format(url=page.url),
                _("rename or move the hand-written page"))
        for page in generated if page.src_uri in docs_uris
    ]


def _unclosed_comments(root: Path, docs_uris: dict[str, str]) -> list[Problem]:
    """Hand-written pages lose their comments too (page_markdown); one never closed is an error."""
    problems = []
    for shown in docs_uris.values():
        try:
            line = unclosed_comment((root / shown).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue  # MkDocs itself reports a page it cannot read
        if line is not None:
            problems.append(Problem(shown, line, None, _("the comment '{open}' is never closed").format(open="<!--"),
                                    _("end the comment with '-->' (comments are left out of the site)")))
    return problems


def generated_nav(build: Build) -> list:
    """The generated part of the navigation, as mkdocs.yml entries: the groups with their years,
    then the registers. The plugin puts it where mkdocs.yml's nav has NAV_PLACEHOLDER."""
    return pages.nav_entries(build.view)


class BodyNotFound(NotulaError):
    """A minutes page whose body could not be told apart after Markdown (rendering.body)."""


def page_content(build: Build, src_uri: str, html: str, let_go: bool = False) -> str:
    """A page's content as Markdown rendered it, with its minutes body cleaned (rendering.body),
    no link left to what the build does not publish (showing.links), the registry's
    abbreviations marked (each use explained on hover) and its searchable islands put in
    (render.Islands: marked already), which the page then lets go of if let_go (a full build
    asks for each page's content once: Page.used). Raises BodyNotFound."""
    page = build.by_src_uri.get(src_uri)
    if page is not None:
        try:
            html = body.clean_bodies(html)
        except body.BodyNotFound:
            raise BodyNotFound(_("{file}: the minutes text could not be told apart from the rest of its page, so it "
                                 "cannot be cleaned; the page is not published. Look for HTML in the text that is "
                                 "never closed.").format(file=_source_of(build, src_uri))) from None
    html = abbr.mark(html, build.view.registry.abbreviations)
    if page is not None:  # a front-matter link is in an island
        html = render.fill_islands(html, page.text_islands, searchable=True)
        if let_go:
            page.used()
    return unlink_hidden_html(html, src_uri, build.links)


def _source_of(build: Build, src_uri: str) -> str:
    """The minutes file a generated page is made from (else the page's own path)."""
    meeting = next((m for m in build.view.corpus.meetings if m.src_uri == src_uri), None)
    return meeting.display if meeting is not None else src_uri


def finished_page(build: Build, src_uri: str, output: str, let_go: bool = False) -> str:
    """A finished page with its other islands put in (they stay out of search), which the page
    then lets go of if let_go (as page_content)."""
    page = build.by_src_uri.get(src_uri)
    if page is None:
        return output
    islands = page.islands
    if let_go:
        page.used(finished=True)
    return render.fill_islands(output, islands) if islands else output


def written_elsewhere(build: Build, src_uri: str) -> None:
    """A page another process has finished (notula.plugin.writing): let go of it here as finished_page would."""
    page = build.by_src_uri.get(src_uri)
    if page is not None:
        page.used(finished=True)


def page_markdown(build: Build, markdown: str, src_uri: str) -> str:
    """Every page's Markdown before rendering: the groups' names policies where a page asks for
    them (rendering.policies), HTML comments removed (a minutes body has lost them already), and
    links to unpublished meetings made plain text."""
    markdown = fill_names_policies(markdown, build.view.registry)  # before the comments go: its mark is one
    return unlink_hidden(strip_comments(markdown)[0], src_uri, build.links)


def problems_page(problems: list[Problem]) -> str:
    """The preview's start page while the minutes have problems: the list, as in `notula check`."""
    from notula.problems import format_problems
    from notula.rendering.render import page_source, render

    return page_source({"title": "Fel i minnesanteckningarna"},
                       render("problems.md.j2", problems=sorted(problems), summary=format_problems(problems).splitlines()[-1]))
