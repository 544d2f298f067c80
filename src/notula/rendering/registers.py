"""Pages built from the indexes: organisations, topics, the decisions and actions registers,
the list of all meetings, the glossary and the start page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from notula import urls
from notula.model.corpus import by_year, newest_first
from notula.model.schema import OrgKind
from notula.rendering import searchable, subscriptions
from notula.rendering.indexes import ActionEntry, Indexes, OrgIndex, TopicIndex, by_urgency
from notula.rendering.page import Page, make_page
from notula.showing.view import View

# Register and index pages repeat what the minutes say; search should lead to the minutes
# themselves. Pages about one organisation or topic are found by their heading and introduction.
NOT_SEARCHED = searchable.meta(searchable.NONE)
INTRO_SEARCHED = searchable.meta(searchable.INTRO)
LATEST_ON_START = 6  # minutes on the start page, newest first
ACTION_SECTIONS = (("forsenade", "Försenade", "overdue"), ("pagaende", "Pågående", "open"),
                   ("klara", "Klara", "done"), ("avskrivna", "Avskrivna", "cancelled"))


@dataclass(frozen=True)
class SiteText:
    """The start page's heading (its h1 and title) and introduction: site_name and
    site_description in mkdocs.yml."""

    heading: str | None = None
    intro: str | None = None


def _page(view: View, url: str, template: str, title: str, meta: dict | None = None, **context) -> Page:
    return make_page(view, url, template, {"title": title, **(meta or {})}, **context)


def organisations_page(view: View, idx: Indexes) -> Page:
    kinds = []
    for kind in OrgKind:
        orgs = sorted((o for o in idx.organisations.values() if o.org.kind == kind.value),
                      key=lambda o: o.org.label.casefold())
        if orgs:
            kinds.append((kind.value, orgs))
    return _page(view, urls.ORGANISATIONS, "organisations.md.j2", "Organisationer", NOT_SEARCHED, kinds=kinds)


def organisation_page(view: View, org: OrgIndex) -> Page:
    today = view.today
    attendance = []
    for group_id, rows in org.attendance.items():
        years = []
        for year, items in by_year(rows):
            by_status: dict[str, list] = {}
            for meeting, status in items:
                by_status.setdefault(status, []).append(meeting)
            years.append((year, by_status))
        attendance.append((group_id, years, org.attendance_counts(group_id)))
    open_actions = [a for a in org.actions if a.is_open]
    shown = ({m.id for rows in org.attendance.values() for m, _ in rows} | {m.id for m in org.hosted}
             | {e.meeting.id for e in org.decisions} | {e.meeting.id for e in org.actions})
    others = [m for m in org.meetings if m.id not in shown]  # as a guest, writer, secretary, proposer
    member_of = [g for g, group in view.registry.groups.items() if org.org.id in group.members]
    url = urls.organisation(org.org.id)
    return _page(
        view, url, "organisation.md.j2", org.org.name, INTRO_SEARCHED, subscribe=subscriptions.markup(view, url),
        org=org.org, member_of=member_of,
        people=sorted(org.people.values(), key=lambda p: (-(p.attended + p.as_guest), p.name)),
        attendance=attendance, hosted=newest_first(org.hosted), others=newest_first(others),
        actions=by_urgency(org.actions, today), open_count=len(open_actions),
        overdue_count=sum(1 for a in open_actions if a.kind(today) == "overdue"),
        decisions=newest_first(org.decisions), topics=org.topics.most_common(),
    )


def topics_page(view: View, idx: Indexes) -> Page:
    topics = sorted(idx.topics.values(), key=lambda t: t.topic.name.casefold())
    return _page(view, urls.TOPICS, "topics.md.j2", "Ämnen", NOT_SEARCHED, topics=topics)


def topic_page(view: View, topic: TopicIndex) -> Page:
    url = urls.topic(topic.topic.id)
    return _page(view, url, "topic.md.j2", topic.topic.name, INTRO_SEARCHED, subscribe=subscriptions.markup(view, url),
                 topic=topic.topic, meetings=newest_first(topic.meetings),
                 decisions=newest_first(topic.decisions), actions=newest_first(topic.actions))


def _filter_options(view: View, entries: list) -> dict:
    """The groups, topics and organisations that occur in entries, in registry order."""
    groups = {e.meeting.doc.group for e in entries}
    topics = {t for e in entries for t in e.topics}
    orgs = {o for e in entries for o in e.orgs}
    registry = view.registry
    return {
        "groups": [g for g in registry.groups if g in groups],
        "topics": sorted(topics, key=lambda t: registry.topics[t].name.casefold()),
        "orgs": sorted(orgs, key=lambda o: registry.organisations[o].label.casefold()),
    }


def decisions_page(view: View, idx: Indexes) -> Page:
    years = by_year(idx.decisions)
    return _page(view, urls.DECISIONS, "decisions.md.j2", "Beslut", NOT_SEARCHED,
                 years=years, total=len(idx.decisions), **_filter_options(view, idx.decisions))


def action_sections(idx: Indexes, today) -> list[tuple[str, str, list[ActionEntry]]]:
    """The actions by kind: overdue and open ones by due date, done and cancelled ones newest first."""
    by_kind: dict[str, list[ActionEntry]] = {kind: [] for _, _, kind in ACTION_SECTIONS}
    for entry in by_urgency(idx.actions, today):
        by_kind[entry.kind(today)].append(entry)
    return [(key, heading, by_kind[kind]) for key, heading, kind in ACTION_SECTIONS]


def actions_page(view: View, idx: Indexes) -> Page:
    years = sorted({e.meeting.year for e in idx.actions}, reverse=True)
    return _page(view, urls.ACTIONS, "actions.md.j2", "Uppdrag", NOT_SEARCHED,
                 sections=action_sections(idx, view.today), total=len(idx.actions), years=years,
                 **_filter_options(view, idx.actions))


def meetings_page(view: View, idx: Indexes) -> Page:
    years = [(year, newest_first(items)) for year, items in sorted(idx.years.items(), reverse=True)]
    return _page(view, urls.MEETINGS, "meetings.md.j2", "Alla möten", NOT_SEARCHED,
                 years=years, total=len(view.corpus.meetings))


def glossary_page(view: View) -> Page:
    abbreviations = sorted(view.registry.abbreviations.items(), key=lambda item: item[0].casefold())
    return _page(view, urls.GLOSSARY, "glossary.md.j2", "Ordlista", abbreviations=abbreviations)


def start_page(view: View, idx: Indexes | None, text: SiteText) -> Page:
    """The start page; without indexes (a benchmarking aid) only the introduction and the groups."""
    context = {}
    if idx is not None:
        context = {"coming": idx.coming(view.today), "coming_events": idx.coming_events(view.today),
                   "latest_meetings": idx.latest_meetings(LATEST_ON_START),
                   "open_count": len(idx.open_actions(view.today)),
                   "overdue_count": len(idx.overdue_actions(view.today))}
    return _page(view, "", "start.md.j2", text.heading or "Start", NOT_SEARCHED, index=idx, intro=text.intro,
                 subscribe=subscriptions.markup(view, ""), **context)


def index_page_plan(view: View, indexes: Callable[[], Indexes]) -> list[tuple[str, Callable[[], Page]]]:
    """(address, make) of every page made from the indexes but the start page, in order, without building the
    indexes: only make() calls indexes() (pages.generate makes pages when first asked for)."""
    plan = [(urls.ORGANISATIONS, lambda: organisations_page(view, indexes())),
            (urls.TOPICS, lambda: topics_page(view, indexes())),
            (urls.DECISIONS, lambda: decisions_page(view, indexes())),
            (urls.ACTIONS, lambda: actions_page(view, indexes())),
            (urls.MEETINGS, lambda: meetings_page(view, indexes())),
            (urls.GLOSSARY, lambda: glossary_page(view))]
    # The indexes have every organisation and topic of the registry, in its order.
    plan += [(urls.organisation(o), partial(lambda o: organisation_page(view, indexes().organisations[o]), o))
             for o in view.registry.organisations]
    plan += [(urls.topic(t), partial(lambda t: topic_page(view, indexes().topics[t]), t)) for t in view.registry.topics]
    return plan


NAV_ENTRIES = (("Möten", urls.MEETINGS), ("Beslut", urls.DECISIONS), ("Uppdrag", urls.ACTIONS),
               ("Organisationer", urls.ORGANISATIONS), ("Ämnen", urls.TOPICS), ("Ordlista", urls.GLOSSARY))


def nav_entries() -> list[dict]:
    """One navigation entry per register; organisation and topic pages are reached from their indexes."""
    return [{title: urls.src_uri(url)} for title, url in NAV_ENTRIES]
