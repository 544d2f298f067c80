"""A deterministic generator of realistic minutes, for tests and benchmarks.

`write_corpus(root, n, seed)` writes registries and n minutes files (plus some notes,
agendas, reports and presentations) into root/minutes: Swedish text, 10–30 attendees
per meeting from the registry, decisions and actions with topics and owners, and
follow-ups of earlier actions. The same n and seed always give the same files.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# libyaml's safe dumper writes the same text as PyYAML's, three times faster (a corpus of 1000 files).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

MUNICIPALITIES = [
    "Halmstad", "Falkenberg", "Varberg", "Kungsbacka", "Laholm", "Hylte", "Göteborg", "Borås", "Mölndal",
    "Alingsås", "Kungälv", "Lerum", "Partille", "Härryda", "Ale", "Stenungsund", "Tjörn", "Orust",
    "Uddevalla", "Trollhättan", "Vänersborg", "Lidköping", "Skövde", "Ulricehamn",
]
OTHER_ORGS = [
    ("region", "Region Halland", "Region Halland"),
    ("region", "Västra Götalandsregionen", "VGR"),
    ("county-board", "Länsstyrelsen i Hallands län", "Länsstyrelsen Halland"),
    ("county-board", "Länsstyrelsen i Västra Götalands län", "Länsstyrelsen VG"),
    ("agency", "Arbetsförmedlingen", "Arbetsförmedlingen"),
    ("agency", "Migrationsverket", "Migrationsverket"),
    ("agency", "Försäkringskassan", "Försäkringskassan"),
    ("agency", "Polismyndigheten", "Polisen"),
    ("agency", "Skolverket", "Skolverket"),
    ("university", "Högskolan i Halmstad", "Högskolan i Halmstad"),
    ("university", "Göteborgs universitet", "Göteborgs universitet"),
    ("association", "Svenska Röda Korset", "Röda Korset"),
    ("association", "ABF Väst", "ABF"),
    ("company", "Almi Företagspartner Väst", "Almi"),
    ("project", "Projektet Nya vägar", "Nya vägar"),
]
# id, name, audience, public_names, member organisations. A corpus of n documents uses
# about one group per 250 documents (at least three), so that each group meets for 10–25 years.
GROUPS = [
    ("sgi", "Strategisk grupp integration", "public", "attendees", 16),
    ("tvx", "Taktisk grupp vuxenutbildning", "public", "all", 22),
    ("styrgrupp", "Styrgrupp integration", "members", "none", 10),
    ("ssk", "Strategisk grupp skola och utbildning", "public", "attendees", 14),
    ("sshos", "Strategisk grupp socialtjänst och hälsa", "public", "none", 18),
    ("bostad", "Nätverk bostadsförsörjning", "public", "all", 12),
    ("arbete", "Samverkan arbetsmarknad", "members", "attendees", 20),
    ("civil", "Dialoggrupp civilsamhälle", "public", "all", 11),
]
DOCUMENTS_PER_GROUP = 250
MIN_ATTENDEES, MAX_ATTENDEES = 10, 30
TOPICS = [
    ("sfi", "SFI", "Svenska för invandrare och yrkes-SFI."),
    ("arbetsmarknad", "Arbetsmarknad", "Vägen till arbete, praktik och extratjänster."),
    ("utbildning", "Utbildning och kompetens", "Vuxenutbildning och kompetensutveckling."),
    ("bostader", "Bostäder", "Bosättning och bostadsförsörjning."),
    ("halsa", "Hälsa", "Fysisk och psykisk hälsa hos nyanlända."),
    ("mottagande", "Mottagande och etablering", "Mottagande av nyanlända och samhällsorientering."),
    ("samverkan", "Samverkan och styrning", "Hur grupperna organiserar sig."),
    ("tolkar", "Tolkar och delade resurser", "Tolkförsörjning och gemensam upphandling."),
    ("barn-och-unga", "Barn och unga", "Ensamkommande, skola och förskola."),
    ("riktlinjer", "Strategiska riktlinjer", "Gemensamma riktlinjer för integrationsarbetet."),
    ("civilsamhalle", "Civilsamhälle", "Föreningar, trossamfund och studieförbund."),
    ("validering", "Validering", "Validering av utländsk utbildning och yrkeserfarenhet."),
    ("foretagande", "Företagande", "Stöd till företagare med utländsk bakgrund."),
    ("jamstalldhet", "Jämställdhet", "Nyanlända kvinnors etablering."),
    ("digitalisering", "Digitalisering", "Digitala tjänster och distansundervisning."),
]
ABBREVIATIONS = {
    "SFI": "Svenska för invandrare", "SO": "Samhällsorientering", "AF": "Arbetsförmedlingen",
    "CGH": "Chefsgruppen Halland", "RÖK": "Regional överenskommelse om nyanländas etablering",
    "PUT": "Permanent uppehållstillstånd", "SYV": "Studie- och yrkesvägledning", "KB": "Kommunberedningen",
}
FIRST_NAMES = [
    "Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Sara", "Anders", "Eva", "Per", "Lena", "Mikael",
    "Helena", "Fredrik", "Emma", "Ahmed", "Leyla", "Goran", "Mirela", "Amir", "Fatima", "Jonas", "Elin",
    "Nils", "Cecilia", "Tomas", "Sanna", "Ulla", "Kristina", "Rasmus", "Therese", "Olle", "Hanna", "Karim",
]
LAST_NAMES = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
    "Gustafsson", "Lindberg", "Holmberg", "Bergström", "Åkesson", "Strand", "Wikström", "Fransson", "Ekdahl",
    "Haddad", "Petrović", "Karimi", "Sundqvist", "Öberg", "Lindahl", "Ohlsson", "Nordin", "Mansour", "Lövgren",
]
TITLES = ["Integrationsstrateg", "Verksamhetschef", "Enhetschef", "Utvecklingsledare", "Handläggare",
          "Rektor vuxenutbildningen", "Samordnare", "Förvaltningschef", "Processledare", "Utredare"]
VENUES = ["Stadshuset", "Rådhuset", "Kommunhuset", "Regionens hus", "Biblioteket", "Folkets hus"]
VERBS = ["ta fram", "sammanställa", "kartlägga", "utreda", "följa upp", "samordna", "planera", "förankra",
         "revidera", "utvärdera", "inventera", "presentera"]
OBJECTS = ["en gemensam plan för {t}", "behovet av {t} i kommunerna", "arbetet med {t}",
           "en modell för samverkan kring {t}", "goda exempel på {t}", "en lägesbild om {t}",
           "rutinerna för {t}", "ett underlag om {t} till nästa möte", "kostnaderna för {t}"]
QUALIFIERS = ["tillsammans med Region Halland", "inför budgetåret", "med stöd av Länsstyrelsen",
              "i samråd med kommunerna", "före sommaren", "under hösten", "enligt RÖK", ""]
SENTENCES = [
    "Gruppen diskuterade {t} och var överens om att frågan behöver följas upp.",
    "{org} berättade om erfarenheterna av {t} under det senaste året.",
    "Det finns stora skillnader mellan kommunerna när det gäller {t}.",
    "Flera lyfte att samverkan kring {t} har blivit bättre sedan förra mötet.",
    "Arbetsförmedlingen och kommunerna behöver gemensamma rutiner för {t}.",
    "En presentation om {t} visades och diskuterades i mindre grupper.",
    "Deltagarna efterfrågade en tydligare uppföljning av {t}.",
    "SFI och SO bör kunna kombineras med praktik och arbete.",
    "{org} föreslog att frågan om {t} tas upp i CGH.",
]
AGENDA_ITEMS = ["Inledning", "Uppföljning av uppdrag", "Aktuellt från organisationerna", "Tema: {t}",
                "Laget runt", "Övriga frågor", "Nästa möte"]


def slug(text: str) -> str:
    """An ASCII id from Swedish text: 'Göteborgs universitet' -> 'goteborgs-universitet'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


@dataclass
class _Org:
    id: str
    name: str
    short: str
    kind: str
    people: list[tuple[str, str]] = field(default_factory=list)  # (name, title)


@dataclass
class _GroupPlan:
    id: str
    name: str
    audience: str
    public_names: str
    members: list[str]
    dates: list[dt.date] = field(default_factory=list)
    open_actions: list[tuple[str, dt.date]] = field(default_factory=list)  # (ref, due)


SITE_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides")


def copy_site(source: Path, target: Path, parts: tuple[str, ...] = SITE_PARTS) -> Path:
    """Copy a Notula project's site (config and docs; or the given parts) from
    source into target, replacing what target had of them. For tests and benchmarks."""
    target.mkdir(parents=True, exist_ok=True)
    for part in parts:
        origin, copy = source / part, target / part
        if copy.is_dir():
            shutil.rmtree(copy)
        if origin.is_dir():
            shutil.copytree(origin, copy)
        elif origin.exists():
            shutil.copy2(origin, copy)
    return target


def write_corpus(root: Path, n: int, seed: int = 0, start: dt.date = dt.date(2004, 1, 13)) -> list[Path]:
    """Write registries and n documents into root/minutes; returns the documents' paths."""
    rng = random.Random(seed)
    minutes = Path(root) / "minutes"
    minutes.mkdir(parents=True, exist_ok=True)
    orgs = _organisations(rng)
    groups = _groups(rng, orgs, n)
    _write_registries(minutes, orgs, groups)
    _schedule(rng, groups, n, start)
    paths = []
    slots = sorted((d, g.id) for g in groups.values() for d in g.dates)
    for date, group_id in slots:
        group = groups[group_id]
        meta, body = _document(rng, group, date, orgs)
        path = minutes / group_id / str(date.year) / f"{date.isoformat()}-{group_id}-{meta['type']}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        front = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=None)
        path.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
        paths.append(path)
    return paths


def _organisations(rng: random.Random) -> dict[str, _Org]:
    orgs = {}
    for name in MUNICIPALITIES:
        genitive = name if name.endswith("s") else name + "s"
        orgs[slug(name)] = _Org(slug(name), f"{genitive} kommun", name, "municipality")
    for kind, name, short in OTHER_ORGS:
        orgs[slug(short)] = _Org(slug(short), name, short, kind)
    used: set[str] = set()
    for org in orgs.values():
        while len(org.people) < 4:
            person = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            if person not in used:
                used.add(person)
                org.people.append((person, rng.choice(TITLES)))
    return orgs


def _groups(rng: random.Random, orgs: dict[str, _Org], n: int) -> dict[str, _GroupPlan]:
    ids = list(orgs)
    public_bodies = [o.id for o in orgs.values() if o.kind in ("region", "county-board")][:2]
    municipalities = [o.id for o in orgs.values() if o.kind == "municipality"]
    groups = {}
    count = min(len(GROUPS), max(3, -(-n // DOCUMENTS_PER_GROUP)))
    for group_id, name, audience, public_names, size in GROUPS[:count]:
        members = public_bodies + rng.sample(municipalities, size - len(public_bodies))
        groups[group_id] = _GroupPlan(group_id, name, audience, public_names, sorted(members, key=ids.index))
    return groups


def _write_registries(minutes: Path, orgs: dict[str, _Org], groups: dict[str, _GroupPlan]) -> None:
    def dump(name: str, data) -> None:
        (minutes / name).write_text(yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000),
                                    encoding="utf-8")

    dump("organisations.yml", [{"id": o.id, "name": o.name, "short": o.short, "kind": o.kind} for o in orgs.values()])
    dump("groups.yml", [{"id": g.id, "name": g.name, "description": f"{g.name} med {len(g.members)} organisationer.",
                         "members": g.members, "audience": g.audience, "public_names": g.public_names}
                        for g in groups.values()])
    dump("topics.yml", [{"id": t, "name": name, "description": text} for t, name, text in TOPICS])
    dump("abbreviations.yml", ABBREVIATIONS)


def _schedule(rng: random.Random, groups: dict[str, _GroupPlan], n: int, start: dt.date) -> None:
    """Spread n meeting dates over the groups, every three to six weeks, on weekdays."""
    plans = list(groups.values())
    for i in range(n):
        plan = plans[i % len(plans)]
        last = plan.dates[-1] if plan.dates else start + dt.timedelta(days=rng.randrange(0, 14))
        date = last + dt.timedelta(days=rng.randrange(21, 43)) if plan.dates else last
        while date.weekday() >= 5:
            date += dt.timedelta(days=1)
        plan.dates.append(date)


def _sentence(rng: random.Random, topic: str, org: str) -> str:
    return rng.choice(SENTENCES).format(t=topic, org=org)


def _document(rng: random.Random, group: _GroupPlan, date: dt.date, orgs: dict[str, _Org]) -> tuple[dict, str]:
    roll = rng.random()
    doc_type = ("minutes" if roll < 0.86 else "notes" if roll < 0.91 else "agenda" if roll < 0.95
                else "report" if roll < 0.98 else "presentation")
    topic_ids = rng.sample([t[0] for t in TOPICS], rng.randint(2, 5))
    topic_names = {t: name.lower() for t, name, _ in TOPICS}
    host = orgs[rng.choice(group.members)]
    meta: dict = {"type": doc_type, "group": group.id, "date": date, "time": rng.choice(["09:00-12:00", "13:00-16:00"]),
                  "place": f"{rng.choice(VENUES)}, {host.short}", "host": host.id,
                  "summary": _sentence(rng, topic_names[topic_ids[0]], host.short), "topics": topic_ids}
    if rng.random() < 0.05 and group.audience == "public":
        meta["audience"] = "members"
    elif rng.random() < 0.03 and group.audience == "public":
        meta["release"] = date + dt.timedelta(days=14)
    if doc_type in ("report", "presentation"):
        meta["author"] = f"{host.people[0][0]}, {host.short}"
    elif doc_type != "agenda":
        _attendance(rng, meta, group, orgs)
        _decisions_and_actions(rng, meta, group, date, orgs, topic_ids, topic_names)
    _next_meetings(rng, meta, group, date, orgs)
    body = _body(rng, topic_ids, topic_names, [orgs[o].short for o in group.members])
    return meta, body


def _attendance(rng: random.Random, meta: dict, group: _GroupPlan, orgs: dict[str, _Org]) -> None:
    attendees, absent = [], []
    secretary = (group.members[0], orgs[group.members[0]].people[0][0])  # takes the notes, so takes part
    for org_id in group.members:
        org = orgs[org_id]
        for name, title in org.people[: 1 + (rng.random() < 0.3)]:
            roll = rng.random()
            if (org_id, name) == secretary:
                roll = min(roll, 0.5)
            if roll < 0.80:
                attendees.append({"name": name, "org": org.short, "title": title})
            elif roll < 0.88:
                attendees.append({"name": name, "org": org.id, "remote": True})
            else:
                absent.append({"name": name, "org": org.short, "notified": roll < 0.96})
    spare = [(org_id, person) for org_id in group.members for person in orgs[org_id].people[2:]]
    while len(attendees) < MIN_ATTENDEES:  # a small group's meeting still has 10 or more people
        org_id, (name, title) = spare.pop(rng.randrange(len(spare)))
        attendees.append({"name": name, "org": orgs[org_id].short, "title": title})
    del attendees[MAX_ATTENDEES:]
    attendees[0] = {**attendees[0], "role": "chair"} if isinstance(attendees[0], dict) else attendees[0]
    outsiders = [o for o in orgs if o not in group.members]
    guests = []
    for org_id in rng.sample(outsiders, rng.randint(0, 3)):
        name, title = orgs[org_id].people[rng.randrange(4)]
        guests.append({"name": name, "org": orgs[org_id].short, "title": title, "items": [rng.randint(2, 5)]})
    meta.update(attendees=attendees, absent=absent, guests=guests)
    secretary = orgs[group.members[0]].people[0][0]
    meta["secretary"] = f"{secretary}, {orgs[group.members[0]].short}"


def _decisions_and_actions(rng, meta, group: _GroupPlan, date: dt.date, orgs, topic_ids, topic_names) -> None:
    decisions, actions, follow_up = [], [], []
    for i in range(1, rng.randint(2, 5) + 1):
        topic = rng.choice(topic_ids)
        decision = {"id": f"d{i}", "item": rng.randint(2, 6), "topics": [topic],
                    "text": f"Gruppen beslutar att {rng.choice(VERBS)} {rng.choice(OBJECTS).format(t=topic_names[topic])} "
                            f"{rng.choice(QUALIFIERS)}".strip() + "."}
        if rng.random() < 0.3:
            decision["orgs"] = rng.sample(group.members, rng.randint(1, 3))
        if rng.random() < 0.1:
            decision["by"] = "CGH"
        decisions.append(decision)
    for i in range(1, rng.randint(1, 4) + 1):
        topic = rng.choice(topic_ids)
        owners = []
        for org_id in rng.sample(group.members, rng.randint(1, 2)):
            org = orgs[org_id]
            owners.append(f"{org.people[0][0]}, {org.short}" if rng.random() < 0.4 else org.short)
        due = date + dt.timedelta(days=rng.randrange(30, 150))
        actions.append({"id": f"a{i}", "text": f"{rng.choice(VERBS).capitalize()} "
                        f"{rng.choice(OBJECTS).format(t=topic_names[topic])}.", "owners": owners,
                        "due": due, "item": rng.randint(2, 6), "topics": [topic]})
    for ref, due in list(group.open_actions)[: rng.randint(0, 3)]:
        roll = rng.random()
        status = "done" if roll < 0.5 else "open" if roll < 0.85 else "cancelled"
        entry = {"action": ref, "status": status, "note": _sentence(rng, "uppdraget", "Gruppen")}
        if status == "open" and rng.random() < 0.4:
            entry["due"] = date + dt.timedelta(days=rng.randrange(30, 90))
        group.open_actions.remove((ref, due))
        if status == "open":
            group.open_actions.append((ref, due))
        follow_up.append(entry)
    group.open_actions += [(f"{group.id}/{date.isoformat()}/{a['id']}", a["due"]) for a in actions]
    meta.update(decisions=decisions, actions=actions, follow_up=follow_up)


def _next_meetings(rng: random.Random, meta: dict, group: _GroupPlan, date: dt.date, orgs) -> None:
    later = [d for d in group.dates if d > date][:3]
    if len(later) < 3:  # the schedule reaches past the last document
        step = later[-1] if later else date
        while len(later) < 3:
            step += dt.timedelta(days=28)
            later.append(step)
    planned = []
    for day in later:
        host = orgs[rng.choice(group.members)]
        planned.append({"date": day, "time": "09:00-12:00", "place": f"{rng.choice(VENUES)}, {host.short}",
                        "host": host.id})
    meta["next_meetings"] = planned


def _body(rng: random.Random, topic_ids: list[str], topic_names: dict[str, str], members: list[str]) -> str:
    """Numbered agenda items with a few paragraphs each, a round of news from the members,
    and sometimes a members-only section: about as long as real minutes (2–4 kB)."""
    parts = []
    for number, item in enumerate(AGENDA_ITEMS, 1):
        topic = topic_names[rng.choice(topic_ids)]
        parts.append(f"## {number}. {item.format(t=topic)}\n")
        if item == "Laget runt":
            parts += [f"**{org}:** {_sentence(rng, topic_names[rng.choice(topic_ids)], org)}\n"
                      for org in rng.sample(members, min(len(members), rng.randint(3, 6)))]
            continue
        for _ in range(rng.randint(1, 2)):
            parts.append(" ".join(_sentence(rng, topic, rng.choice(members)) for _ in range(rng.randint(2, 4))) + "\n")
    if rng.random() < 0.1:
        parts.insert(4, "::: medlemmar\n" + _sentence(rng, "ett enskilt ärende", members[0]) + "\n:::\n")
    return "\n".join(parts)
