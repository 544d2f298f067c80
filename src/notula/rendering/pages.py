"""The generated pages: one per meeting, the group and year pages that lead to them, and `generate`."""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass
from functools import partial
from itertools import groupby
from urllib.parse import quote

from notula import labels, urls
from notula.model.approval import approval, awaiting_approval
from notula.model.body_links import listed_attachment
from notula.model.corpus import Meeting, by_year
from notula.model.gatherings import planned_for
from notula.model.registry import Registry
from notula.reading.markdown_links import local_path, path_part, rebase
from notula.rendering import registers, searchable, subscriptions
from notula.rendering.body import wrap
from notula.rendering.indexes import MATRIX_LATEST, GroupIndex, Indexes, build_indexes
from notula.rendering.page import Page, Source, linker, make_page, title
from notula.rendering.registers import SiteText
from notula.rendering.render import Islands, page_source, render, trusted
from notula.showing.view import View

MEMBERS_ONLY_LABEL = labels.AUDIENCE_LABELS["members"]


@dataclass(frozen=True)
class AttachmentFile:
    """An attached file to copy into the site: from abs_path to the site-relative url."""

    url: str
    abs_path: str


def attachment_url(meeting: Meeting, file: str) -> str:
    return urls.attachment(meeting.id, file)


def attachment_files(view: View) -> list[AttachmentFile]:
    """Every attachment of every visible meeting that the build does not withhold."""
    return [
        AttachmentFile(url, str((m.path.parent / a.file).resolve()))
        for m in view.corpus.meetings for a in m.doc.attachments
        if a.file and (url := attachment_url(m, a.file)) not in view.withheld
    ]


def attachment_link(meeting: Meeting, target: str) -> str | None:
    """A body's link to one of the meeting's attachments, written relative to the minutes file (as
    an editor's preview reads it and `notula import` writes it: attachments/bild.png), as a link from
    the page's Markdown file (one folder up from the page's address) to where the build publishes
    it, so that MkDocs finds the file; None for any other link, which stays as it is."""
    file = listed_attachment(meeting.doc, local_path(target))
    if file is None:
        return None
    published = posixpath.relpath(urls.attachment(meeting.id, file), posixpath.dirname(meeting.src_uri) or ".")
    return quote(published, safe="/") + target[len(path_part(target)):]


def body_markdown(view: View, meeting: Meeting) -> str:
    """The body for this audience: members-only sections left out, or shown marked; names the
    group's policy hides are replaced with NN."""
    parts = []
    to_attachments = partial(attachment_link, meeting)
    for segment in meeting.segments:
        text = rebase(segment.text, to_attachments)
        if not segment.members_only:
            parts.append(view.names.redact(meeting, text))
        elif not view.audience.public:
            indented = "\n".join(f"    {line}" if line.strip() else "" for line in text.split("\n"))
            parts.append(f'\n!!! members "{MEMBERS_ONLY_LABEL}"\n\n{indented}\n')
    return "\n".join(parts)


def meeting_page(view: View, meeting: Meeting) -> Page:
    """The page of one meeting."""
    meta = {"title": title(view, meeting), "description": description(view, meeting)}
    return Page(meeting.url, meta, partial(_meeting_source, view, meeting, meta))


def _meeting_source(view: View, meeting: Meeting, meta: dict) -> Source:
    doc = meeting.doc
    registry = view.registry
    group = registry.groups[doc.group]
    redact = partial(view.names.redact, meeting)
    # The view keeps only follow-ups of actions this audience sees (showing.view.without_hidden_references).
    reported = [(follow, *view.corpus.actions[follow.action]) for follow in doc.follow_up]
    text_island = Islands(searchable=True, abbreviations=registry.abbreviations)
    body = body_markdown(view, meeting)
    content = render(
        "meeting.md.j2",
        text_island=text_island,
        meeting=meeting,
        doc=doc,
        group=group,
        type_label=labels.TYPE_LABELS[doc.type],
        restricted=view.labels.get(meeting.id),
        attendance=_attendance(view, meeting),
        body=trusted(wrap(body)),  # between its markers, its footnotes right after it (rendering.body)
        prose=redact,
        states=view.action_states,
        follow_ups=view.follow_ups,
        reported=reported,
        attachments=[_attachment(view, meeting, a) for a in doc.attachments],
        papers=view.corpus.papers.get(meeting.id, []),
        for_meeting=(for_meeting := view.corpus.meeting_for(doc.for_meeting) if doc.for_meeting else None),
        planned_for=planned_for(view.corpus, doc.for_meeting) if doc.for_meeting and for_meeting is None else None,
        approval=approval(meeting, view.today),
        awaiting_approval=not view.audience.public and awaiting_approval(meeting, view.corpus, view.today),
        previous=view.previous.get(meeting.id),
        following=view.following.get(meeting.id),
        named=partial(view.names.name, meeting),
        search_filters=searchable.meeting_filters(view, meeting),
        **linker(view, meeting.url),
    )
    return Source(page_source(meta, content), text_islands=tuple(text_island.parts))


def _attendance(view: View, meeting: Meeting) -> list[tuple[str, list, bool]]:
    """Attendees grouped by organisation (the group's members in registry order, then the rest),
    with whether any of them may be named in this build (if not, the page shows a count)."""
    members = view.registry.groups[meeting.doc.group].members
    order = {org: i for i, org in enumerate(members)}
    people = sorted(meeting.doc.attendees, key=lambda p: (order.get(p.org, len(order)), view.registry.org(p.org).label))
    grouped = [(org, list(group)) for org, group in groupby(people, key=lambda p: p.org)]
    return [(org, group, any(view.names.name(meeting, p.name) for p in group)) for org, group in grouped]


def _attachment(view: View, meeting: Meeting, attachment) -> dict:
    if attachment.url:  # on the web: linked as it is, nothing to copy
        return {"href": attachment.url, "url": None, "withheld": None, "title": attachment.title,
                "kind": labels.file_kind(attachment.url.split("?")[0].rsplit("/", 1)[-1]), "size": None}
    path = meeting.path.parent / attachment.file
    url = attachment_url(meeting, attachment.file)
    return {
        "href": urls.relative(meeting.url, url),
        "url": url,
        "withheld": view.withheld.get(url),
        "title": view.names.redact(meeting, attachment.title),
        "kind": labels.file_kind(attachment.file),
        "size": labels.file_size(path.stat().st_size),
    }


def description(view: View, meeting: Meeting) -> str:
    """One sentence about the document: its summary, or type, group, date and place."""
    doc = meeting.doc
    if doc.summary:
        return view.names.redact(meeting, doc.summary)
    group = view.registry.groups[doc.group]
    where = f", {doc.place}" if doc.place else ""
    return f"{labels.TYPE_LABELS[doc.type]} från {group.name} {labels.long_date(doc.date)}{where}."


def group_page(view: View, group_id: str, meetings: list[Meeting], index: GroupIndex | None = None) -> Page:
    """A group: description, members, coming meetings, its meetings by year and recent attendance."""
    group = view.registry.groups[group_id]
    url = urls.group(group_id)
    return make_page(view, url, "group.md.j2", _group_meta(group), group=group,
                     years=by_year(meetings), meetings=meetings, index=index, latest=MATRIX_LATEST,
                     subscribe=subscriptions.markup(view, url))


def year_page(view: View, group_id: str, year: int, meetings: list[Meeting],
              index: GroupIndex | None = None) -> Page:
    """One group's meetings in one year, with their attendance."""
    group = view.registry.groups[group_id]
    return make_page(view, urls.year(group_id, year), "year.md.j2",
                     _year_meta(group, year),
                     group=group, year=year, meetings=meetings, index=index)


def field_reference_page(registry: Registry | None = None) -> Page:
    """The field reference, derived from the schema, with the examples of the site's registries."""
    from notula.model.examples import Examples
    from notula.rendering.docs import field_reference_markdown

    meta = {"title": "Fältreferens"}
    return Page(urls.FIELDS, meta, lambda: Source(page_source(meta, field_reference_markdown(Examples.of(registry)))))


def _group_meta(group) -> dict:
    """A group page's front matter: found in search by its heading and introduction."""
    return {"title": group.name, **searchable.meta(searchable.INTRO)}


def _year_meta(group, year: int) -> dict:
    """A year page's front matter: a list of meetings, left out of search."""
    return {"title": f"{group.name} {year}", **searchable.meta(searchable.NONE)}


def search_page(view: View) -> Page:
    """The search page: the query from its address (?q=), results with excerpts, and filters."""
    return make_page(view, urls.SEARCH, "search.md.j2", {"title": "Sök", **searchable.SEARCH_PAGE, **searchable.meta(searchable.NONE)})


def generate(view: View, text: SiteText | None = None) -> list[Page]:
    """Every generated page of the build, each made when first asked for. The indexes are built
    in one pass over the visible meetings when the first page that needs them is made."""
    made: list[Indexes] = []

    def indexes() -> Indexes:
        if not made:
            made.append(build_indexes(view))
        return made[0]

    def group(group_id: str) -> Page:
        return group_page(view, group_id, view.corpus.of_group(group_id), indexes().groups[group_id])

    def year(group_id: str, year: int, meetings: list[Meeting]) -> Page:
        return year_page(view, group_id, year, meetings, indexes().groups[group_id])

    text = text or registers.SiteText()
    pages = [field_reference_page(view.registry), search_page(view),
             Page.deferred("", lambda: registers.start_page(view, indexes(), text))]
    pages += [meeting_page(view, m) for m in view.corpus.meetings]
    for group_id, info in view.registry.groups.items():
        # A group's meetings are its index's meetings (both oldest first).
        pages.append(Page.deferred(urls.group(group_id), partial(group, group_id), _group_meta(info)))
        for y, items in by_year(view.corpus.of_group(group_id)):
            pages.append(Page.deferred(urls.year(group_id, y), partial(year, group_id, y, items), _year_meta(info, y)))
    pages += [Page.deferred(url, make) for url, make in registers.index_page_plan(view, indexes)]
    return pages


def nav_entries(view: View) -> list:
    """The generated part of the navigation, short by design: one section per group with its
    years, then one entry per register (organisation and topic pages hang off their indexes)."""
    nav = []
    for group_id, group in view.registry.groups.items():
        years = sorted({m.year for m in view.corpus.of_group(group_id)}, reverse=True)
        nav.append({html.escape(group.name): [urls.src_uri(urls.group(group_id))]  # MkDocs prints titles raw
                    + [{str(y): urls.src_uri(urls.year(group_id, y))} for y in years]})
    return nav + registers.nav_entries()

