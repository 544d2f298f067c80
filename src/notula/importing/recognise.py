"""Swedish minutes conventions -> Facts: title, date, time, place, attendance, note-takers,
agenda items, schedule, events, whether it is a paper for a meeting (and its author), and
candidates for decisions, proposals and actions."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from notula.i18n import _
from notula.importing.document import Block, Document, plain
from notula.importing.facts import Candidate, EventFact, Facts, PaperFact, PersonFact, PlannedFact, Ref, Section
from notula.importing.organisations import OrgMatch, OrgMatcher
from notula.importing.people import parse_people
from notula.importing.swedish import DateFound, agenda_item, find_dates, find_time

# kind, label words, whether more words may follow before the colon ('Planerade möten året ut:')
LABELS = [
    ("timeplace", r"tid och plats", False),
    ("present", r"närvarande ledamöter|närvarande|deltagare|deltog|närvarolista", False),
    ("remote", r"deltog via länk|via länk|på distans|via teams", False),
    ("notified", r"anmält förhinder|anmälda förhinder|förhinder", False),
    ("absent", r"ej närvarande|icke närvarande|frånvarande", False),
    ("guests", r"inbjudna gäster|gäster|gäst|inbjudna|inbjuden|adjungerade", False),
    ("secretary", r"antecknat av|antecknades av|antecknare|antecknade|vid tangenterna|vid pennan|mötessekreterare|"
                  r"sekreterare|protokollförare|protokollförd av|anteckningar förda av", False),
    ("convener", r"sammankallande|sammankallare", False),
    ("chair", r"mötesordförande|ordförande", False),
    ("adjuster", r"justerare|justeras av|justerat av", False),
    ("time", r"tid|klockslag", False),
    ("place", r"plats|lokal|mötesplats", False),
    ("date", r"datum", False),
    ("host", r"värd|värdkommun|värdorganisation", False),
    ("schedule", r"nästa möte|nästa sammanträde|kommande möten|planerade möten|mötesplan|mötestider|mötesdatum", True),
    ("events", r"viktiga datum|kalendarium|kommande händelser|händelser|aktuella datum|datum att notera|övriga datum|"
               r"inbjudningar", True),
    ("author", r"författare|skriven av|skrivet av|upprättad av|upprättat av|framtagen av|framtaget av|handläggare", False),
    ("proposal", r"förslag till beslut|förslag", True),
    ("decision", r"beslut", True),
    ("owner", r"ansvarig|ansvariga", False),
    ("due", r"klart till|klart senast|klart|senast|deadline|återrapportering", False),
]
_LABEL_RES = [(kind, re.compile(rf"^(?:{words})\b(?P<extra>[^:]{{0,40}}?)\s*(?::\s*(?P<rest>.*))?$" if extra
                                else rf"^(?:{words})\s*(?::\s*(?P<rest>.*))?$", re.IGNORECASE))
              for kind, words, extra in LABELS]
PEOPLE = {"present", "remote", "notified", "absent", "guests", "secretary", "chair", "convener", "adjuster"}
TITLE_WORDS = re.compile(r"protokoll|anteckningar\b|dagordning|\bsammanträde\b|\bmöte\b|mötesanteckningar|^\W*underlag\b|"
                         r"handling\b|tjänsteskrivelse|promemoria|^\W*pm\b", re.IGNORECASE)
DECISION_RE = re.compile(r"\b(beslutar|beslutade|beslöt|beslutas|beslutades|fattade beslut)\b", re.IGNORECASE)
ACTION_RE = re.compile(r"\b(ansvarig[a]?\s*:|ansvarig för|ansvarar|tar ansvar|återkommer|återkopplar|återrapporterar|"
                       r"får i uppdrag|ges i uppdrag|i uppdrag att|uppdrar åt|uppdras)\b", re.IGNORECASE)
PROPOSAL_RE = re.compile(r"\b(föreslår|föreslås|föreslog|föreslogs|föreslagit)\b", re.IGNORECASE)
EVENT_RE = re.compile(r"\b(temadag\w*|konferens\w*|seminari\w*|webbinari\w*|workshop\w*|\w*mässa\w*|\w*dialog\w*|"
                      r"utbildningsdag\w*|informationsmöte\w*|föreläsning\w*|kick-?off|sista dag\w*|"
                      r"sista ansökningsdag\w*|ansökningsdag\w*|deadline|bjuder in|inbjuder|inbjudan)\b", re.IGNORECASE)
# 'Underlag till mötet 9 maj', 'Handling inför SGI-mötet den 2017-05-09', 'Möteshandling', 'Tjänsteskrivelse'
PAPER_RE = re.compile(r"^(?:\W*)(?:underlag|möteshandling|mötesunderlag|handling|beslutsunderlag|tjänsteskrivelse|"
                      r"promemoria|pm)\b", re.IGNORECASE)
FOR_MEETING_RE = re.compile(r"\b(?:till|inför|för)\s+(?:[\w-]+\s+){0,6}?[\w-]*(?:mötet|möte|sammanträdet|sammanträde)\b"
                            r"(?P<rest>.*)$", re.IGNORECASE)
ATTACHMENT_RE = re.compile(r"\b(bifogar|bifogas|bifogad|bifogade|bilaga|bilagor)\b", re.IGNORECASE)
HELD_AT = re.compile(r"^mötet (?:ägde rum|hölls|höll[s]? till) (?:på|i|hos)\s+([^.]{2,80})\.?$", re.IGNORECASE)
ORG_WORDS = re.compile(r"kommun|region|länsstyrelse|förvaltning|myndighet|förbund|projekt|högskola|universitet|"
                       r"förening|nämnd|verket|\bAB\b", re.IGNORECASE)  # an unknown name that is an organisation
BODY_NAME = re.compile(r"^[A-ZÅÄÖ][\w:-]*(?:\s+[A-ZÅÄÖ][\w:-]*){0,3}$")
DUE_RE = re.compile(r"\b(senast|innan|före|till och med|tom)\s+(den\s+)?", re.IGNORECASE)


def label_of(text: str) -> tuple[str, str, str] | None:
    """(kind, extra words, rest of the line) for a labelled line, e.g. 'Tid: kl 9-12'."""
    text = text.strip().strip("*").strip()
    for kind, regexp in _LABEL_RES:
        match = regexp.match(text)
        if match:
            groups = match.groupdict()
            rest = (groups.get("rest") or "").strip()
            extra = (groups.get("extra") or "").strip()
            if kind in ("decision", "proposal") and extra and not rest and len(extra.split()) > 3:
                continue
            if kind in ("time", "place", "date", "host", "owner", "due") and not rest:
                continue  # 'Tid' alone is a word, not a label
            return kind, extra, rest
    return None


class Recogniser:
    """One pass over a document, in reading order."""

    def __init__(self, document: Document, matcher: OrgMatcher, given_date: dt.date | None = None):
        self.doc = document
        self.matcher = matcher
        self.facts = Facts()
        self.given_date = given_date
        self.section: Section | None = None
        self.decisions_by: str | None = None
        self.proposing = False  # the lines below a 'Förslag till beslut:' label are proposals
        self.item: int | None = None
        self.previous: tuple[Ref, str] | None = None  # the last line of running text

    # ------------------------------------------------------------ entry
    def run(self) -> Facts:
        self._agenda()
        first_item = min(self.facts.agenda, default=len(self.doc.blocks))
        self._title_and_date(first_item)
        for index, block in enumerate(self.doc.blocks):
            if index in self.facts.agenda:
                self._end_section()
                self.decisions_by, self.proposing = None, False
                self.item = self.facts.agenda[index][0]
                if re.match(r"nästa möte|kommande möten|mötesplan", self.facts.agenda[index][1], re.IGNORECASE):
                    self.section = Section("schedule", (index, 0))
                continue
            if block.kind == "table":
                self._table(index, block)
                continue
            if block.kind not in ("heading", "paragraph", "list"):
                continue
            if block.kind == "heading":
                self._end_section()
                self.decisions_by, self.proposing = None, False
            for number, line in enumerate(block.lines):
                self._line((index, number), line.plain, block, line.md)
        self._end_section()
        self._owners()
        self._proposers()
        return self.facts

    # ------------------------------------------------------------ agenda items
    def _agenda(self) -> None:
        last = 0
        for index, block in enumerate(self.doc.blocks):
            if len(block.lines) != 1 or block.kind not in ("heading", "paragraph", "list"):
                continue
            text = block.lines[0].plain
            if block.kind == "list":
                explicit = block.lines[0].number is not None
                if not block.ordered or len(text) > (150 if explicit else 100) or text.endswith("."):
                    continue
                number = block.lines[0].number or last + 1
                found: tuple[int, str] | None = (number, text)
            else:
                found = agenda_item(text)
            if not found:
                continue
            number, title = found
            if number == last + 1 or (last == 0 and text.lstrip().startswith("§")):
                self.facts.agenda[index] = (number, title)
                last = number

    # ------------------------------------------------------------ title and date
    def _title_and_date(self, first_item: int) -> None:
        facts = self.facts
        preamble = [(i, n, line.plain) for i, block in enumerate(self.doc.blocks[:first_item])
                    if block.kind in ("heading", "paragraph") for n, line in enumerate(block.lines)]
        if not self.facts.agenda:
            preamble = preamble[:12]
        for i, n, text in preamble[:3]:
            if facts.title is None and TITLE_WORDS.search(text) and len(text) <= 150 and not label_of(text) \
                    and not text.endswith("."):
                title = text
                for found in find_dates(text):
                    if found.date():
                        title = title.replace(found.text, " ")
                title = re.sub(r"\s+(den|,)?\s*$", "", re.sub(r"\s+", " ", title)).strip(" ,-–")
                facts.title = title or None
                dates = [d for d in find_dates(text) if d.date()]
                if dates and facts.date is None:
                    facts.date, facts.date_text, facts.date_ref = dates[0].date(), dates[0].text, (i, n)
                facts.parsed.add((i, n))
                break
        labelled = None
        for i, n, text in preamble:
            label = label_of(text)
            held = HELD_AT.match(text)
            if held and facts.place is None:
                facts.place = held.group(1).strip()
                facts.parsed.add((i, n))
            if label and label[0] in ("date", "time", "timeplace") and labelled is None:
                dates = [d for d in find_dates(label[2]) if d.date()]
                if dates:
                    labelled = dates[0], (i, n)
        if labelled:
            found, ref = labelled
            if facts.date and facts.date != found.date():
                facts.other_dates.append(facts.date_text or "")
            facts.date, facts.date_text, facts.date_ref = found.date(), found.text, ref
        if facts.date is None:
            for i, n, text in preamble:
                if (label := label_of(text)) and label[0] in PEOPLE:
                    continue
                dates = find_dates(text)
                full = [d for d in dates if d.date()]
                if full:
                    facts.date, facts.date_text, facts.date_ref = full[0].date(), full[0].text, (i, n)
                    if len(text.strip(" .,")) <= len(full[0].text) + 6:
                        facts.parsed.add((i, n))  # a line that is only the date
                    else:
                        facts.review("date", _("read from the line '{line}'").format(line=_short(text)),
                                     _("check that it is the meeting date"), (i, n))
                    break
                months = [d for d in dates if d.day is None and d.year]
                if months and facts.month_only is None:
                    facts.month_only = months[0].text
        self._paper(preamble)

    # ------------------------------------------------------------ lines
    def _line(self, ref: Ref, text: str, block: Block, md: str = "") -> None:
        label = label_of(text)
        if label:
            self._label(ref, *label)
            return
        if re.match(r"^\*\*[^*]{1,60}:\s*\*\*", md) or re.match(r"^\*\*[^*]{1,60}\*\*\s*:", md):
            self._end_section()  # a bold lead-in ('**Utdrag ur protokoll:**') starts another part
            self.decisions_by, self.proposing = None, False
        section = self.section
        if section is not None and section.kind in PEOPLE:
            people = parse_people(text, self.matcher)
            if people:
                self._people(section.kind, people, ref)
                section.members.append(ref)
                return
            self._end_section()
        elif section is not None and section.kind == "schedule":
            if self._planned(text, ref):
                section.members.append(ref)
                return
        elif section is not None and section.kind == "events":
            if self._event(text, ref):
                section.members.append(ref)
                return
        if ATTACHMENT_RE.search(text):
            self.facts.review("attachments", _("the text mentions an attachment: '{text}'").format(text=_short(text)),
                              _("put the file in the attachments/ folder and list it under attachments"), ref)
        if (self.decisions_by is not None or self.proposing) and (text.endswith(":") or block.kind == "heading"):
            self.decisions_by, self.proposing = None, False  # a lead-in or a heading: the decisions ended
        if self.proposing:
            self.facts.proposals.append(Candidate(text, self.item, ref))
        elif self.decisions_by is not None:
            self.facts.decisions.append(Candidate(text, self.item, ref, by=self.decisions_by or None))
        else:
            for sentence in _sentences(text):
                if PROPOSAL_RE.search(sentence):  # 'X föreslår att gruppen beslutar …' is a proposal
                    self.facts.proposals.append(Candidate(sentence, self.item, ref))
                elif DECISION_RE.search(sentence):
                    self.facts.decisions.append(Candidate(sentence, self.item, ref))
        if block.kind != "heading":
            for sentence in _sentences(text):
                if ACTION_RE.search(sentence):
                    self.facts.actions.append(Candidate(sentence, self.item, ref))
                if EVENT_RE.search(sentence):
                    self._event(sentence, ref, candidate=True)
            self.previous = (ref, text)

    def _label(self, ref: Ref, kind: str, extra: str, rest: str) -> None:
        facts = self.facts
        self._end_section()
        self.decisions_by, self.proposing = None, False
        if kind in PEOPLE or kind in ("schedule", "events"):
            self.section = Section(kind, ref)  # a label alone leaves the text with the lines it heads
            if not rest:
                pass
            elif kind == "schedule":
                if self._planned(rest, ref):
                    facts.parsed.add(ref)
            elif kind == "events":
                if self._event(rest, ref):
                    facts.parsed.add(ref)
            else:
                people = parse_people(rest, self.matcher)
                if people:
                    self._people(kind, people, ref)
                    facts.parsed.add(ref)
            return
        if kind == "decision":
            body = extra if BODY_NAME.match(extra) else ""  # 'Beslut CGH:', not 'Beslut om budget:'
            if rest:
                facts.decisions.append(Candidate(rest, self.item, ref, by=body or None))
            else:
                self.decisions_by = body  # the paragraphs below are the decisions (of that body, if named)
            return
        if kind == "proposal":
            if rest:
                facts.proposals.append(Candidate(rest, self.item, ref))
            else:
                self.proposing = True
            return
        if kind == "author":
            self._author(ref, rest)
            return
        if kind in ("owner", "due"):
            self._action_detail(ref, kind, rest)
            return
        if kind in ("time", "timeplace"):
            time = find_time(rest, bare_hours=True)
            leftover = rest
            if time:
                facts.time = facts.time or time.value
                leftover = leftover.replace(time.text, " ")
            for found in find_dates(leftover):
                leftover = leftover.replace(found.text, " ")
            leftover = re.sub(r"\b(den|kl\.?|klockan)\b", " ", leftover, flags=re.IGNORECASE).strip(" ,;.-–")
            if kind == "timeplace" and leftover:
                facts.place, leftover = facts.place or leftover, ""
            if time and not leftover:
                facts.parsed.add(ref)
            elif not time:
                facts.review("time", _("'{text}' is not a time I can read").format(text=rest), _("write time: \"HH:MM-HH:MM\""), ref)
        elif kind == "place":
            facts.place = rest.strip(" ,;")
            facts.parsed.add(ref)
        elif kind == "date":
            if any(d.date() for d in find_dates(rest)) and len(rest) <= 40:
                facts.parsed.add(ref)
        elif kind == "host":
            facts.host = self._org(rest)
            facts.parsed.add(ref)

    def _table(self, index: int, block: Block) -> None:
        """A table of people (Namn | Organisation) under an attendance label, or with such a header."""
        rows = [[unicodedata.normalize("NFC", cell.strip()) for cell in row] for row in block.rows]
        header = rows and any(re.match(r"^(namn|deltagare|organisation)\b", c, re.IGNORECASE) for c in rows[0])
        section = self.section
        if not header and (section is None or section.kind not in PEOPLE):
            return
        kind = section.kind if section is not None and section.kind in PEOPLE else "present"
        people = []
        for row in rows[1:] if header else rows:
            found = parse_people(", ".join(plain(c) for c in row if c), self.matcher)
            if not found:
                return  # not a table of people: left as it is
            people += found
        if people:
            self._people(kind, people, (index, 0))
            if section is not None:
                section.members.append((index, 0))

    def _action_detail(self, ref: Ref, kind: str, rest: str) -> None:
        """'Ansvarig: X' or 'Klart: date' below a line: that line is an action (with this owner or date)."""
        if self.previous is None:
            return
        previous_ref, text = self.previous
        action = next((a for a in reversed(self.facts.actions) if a.ref == previous_ref), None)
        if action is None:
            action = Candidate(text, self.item, previous_ref)
            self.facts.actions.append(action)
        if kind == "owner":
            action.owner_text = rest
        else:
            action.due_text = rest

    def _people(self, kind: str, people: list[PersonFact], ref: Ref) -> None:
        if kind not in ("present", "remote", "notified", "absent", "guests"):
            people = self._named_pairs(people)
        for person in people:
            person.ref = ref
            if person.org:
                self._org_seen(person.org)
            if kind == "remote":
                person.remote = True
            if kind == "notified":
                person.notified = True
        target = {"present": self.facts.attendees, "remote": self.facts.attendees, "notified": self.facts.absent,
                  "absent": self.facts.absent, "guests": self.facts.guests, "secretary": self.facts.secretaries,
                  "chair": self.facts.chairs, "convener": self.facts.conveners, "adjuster": self.facts.adjusters}[kind]
        target += people
        self.facts.parsed.add(ref)

    def _named_pairs(self, people: list[PersonFact]) -> list[PersonFact]:
        """'Anna Berg, Lars Ek' below 'Antecknat av': two people the attendance names, not a person
        at an organisation called 'Lars Ek'."""
        known = {p.name for p in self.facts.attendees + self.facts.absent + self.facts.guests}
        out: list[PersonFact] = []
        for person in people:
            org = person.org
            if org is not None and org.org_id is None and org.text in known and person.name in known and not person.unit:
                out += [PersonFact(person.name, ref=person.ref), PersonFact(org.text, ref=person.ref)]
            else:
                out.append(person)
        return out

    def _end_section(self) -> None:
        if self.section is not None:
            self.facts.sections.append(self.section)
            if self.section.members:
                self.facts.parsed.add(self.section.label)  # leaves the body when all it heads does
        self.section = None

    # ------------------------------------------------------------ schedule
    def _planned(self, text: str, ref: Ref) -> bool:
        text = re.sub(r"^\W*(?:(?:preliminärt|prel\.|troligen|någon gång)\s+)?(?:(?:i|under)\s+(?=\D))?"
                      r"(?:(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?\s+)?(?:den\s+)?", "", text.strip(), flags=re.IGNORECASE)
        dates = find_dates(text)
        if not dates or dates[0].start > 0:
            return False
        first = dates[0]
        if EVENT_RE.search(text[len(first.text):]):
            return self._event(text, ref)  # a theme day or a deadline in the schedule: not the group's meeting
        reference = self.facts.date or self.given_date
        date = first.date() or (first.after(reference) if reference and first.day else None)
        planned = PlannedFact(text, ref, date, month_only=first.day is None, year_inferred=first.year is None and bool(date))
        if first.day is None and first.year is not None:
            planned.month = f"{first.year:04d}-{first.month:02d}"
        rest = text[len(first.text):]
        time = find_time(rest)
        if time:
            planned.time = time.value
            rest = rest.replace(time.text, " ", 1)
        rest = re.sub(r"^\s*(?:i|på)\s+", "", re.sub(r"\s+", " ", rest)).strip(" ,;-–")
        if rest and (re.search(r"[!?]|\bOBS\b", rest) or len(rest) > 60):
            planned.note = rest
        else:
            planned.place = rest or None
        self.facts.next_meetings.append(planned)
        self.facts.parsed.add(ref)
        return True

    def _event(self, text: str, ref: Ref, candidate: bool = False) -> bool:
        """An event with its date ('Temadag om hälsa 15 maj 2017 kl 9-16'): as a fact when it has a day
        or a month with its year; from running text (candidate) only with a day."""
        if not candidate:
            text = re.sub(r"^\W*(?:(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?\s+)?(?:den\s+)?", "", text.strip(),
                          flags=re.IGNORECASE)
        dates = find_dates(text)
        if not dates:
            return False
        first = dates[0]
        date: dt.date | str | None = self._day(first)
        if date is None and first.day is None and first.year is not None and not candidate:
            date = f"{first.year:04d}-{first.month:02d}"
        if date is None:
            return False
        start = text.index(first.text)
        end = start + len(first.text)
        time = find_time(text[end:])
        if time and re.fullmatch(r"[\s,]*(?:kl\.?|klockan)?\s*", text[end:text.index(time.text, end)], re.IGNORECASE):
            end = text.index(time.text, end) + len(time.text)  # the time right after the date
        if start == 0 or not candidate:  # '15 maj kl 9-16 Temadag om hälsa'
            title = text[:start] + " " + text[end:]
        elif not text[end:].strip(" .!"):  # 'Dua bjuder in till etableringsdialog den 11 maj kl 10-15.'
            title = re.sub(r"\s+(?:den|på|kl\.?)?\s*$", "", text[:start]) + text[end:]
        else:  # the date inside the sentence: the sentence as it is
            title = text
        title = re.sub(r"\s+([,;:.])", r"\1", re.sub(r"\s+", " ", title)).strip(" ,;:-–")
        if not title:
            return False
        event = EventFact(title, ref, date, year_inferred=first.year is None, time=time.value if time else None,
                          candidate=candidate)
        self.facts.events.append(event)
        if not candidate:
            self.facts.parsed.add(ref)
        return True

    def _day(self, found: DateFound) -> dt.date | None:
        """The day a date in the text names; without its year, the first such day after the meeting."""
        reference = self.facts.date or self.given_date
        return found.date() or (found.after(reference) if reference and found.day else None)

    def _author(self, ref: Ref, rest: str) -> None:
        """'Författare: Name, Organisation' (or an organisation alone)."""
        people = parse_people(rest, self.matcher)
        found: list[PersonFact | OrgMatch] = [p for p in people or [] if p.org]
        if not found and (org := self.matcher.match(rest)):
            found = [org]
        if not found:
            self.facts.review("author", _("'{text}' is not 'Name, Organisation' or a known organisation").format(
                text=_short(rest)), _("write author: \"Name, Organisation\""), ref)
            return
        for who in found:
            org = who.org if isinstance(who, PersonFact) else who
            if org is not None:
                self._org_seen(org)
        self.facts.authors += found
        self.facts.parsed.add(ref)

    def _paper(self, preamble: list[tuple[int, int, str]]) -> None:
        """A paper for a meeting ('Underlag till mötet 9 maj 2017'): what it says of that meeting."""
        facts = self.facts
        heads = [(i, n, text) for i, n, text in preamble[:3] if PAPER_RE.match(text) and len(text) <= 150]
        if not heads:
            return
        facts.paper = PaperFact(ref=(heads[0][0], heads[0][1]))
        for *_where, text in preamble:
            named = FOR_MEETING_RE.search(text)
            dates = find_dates(named.group("rest")) if named else []
            if not named or not dates or dates[0].day is None:
                continue
            facts.paper.meeting_text = named.group(0).strip()
            facts.paper.meeting_date = dates[0].date()
            if facts.paper.meeting_date is None:
                reference = facts.date or self.given_date
                facts.paper.meeting_date = dates[0].after(reference - dt.timedelta(days=1)) if reference else None
            wanted = named.group(0).casefold()
            facts.paper.meeting_group = next(
                (g.id for g in self.matcher.registry.groups.values()
                 if any(x and re.search(rf"(?<!\w){re.escape(x.casefold())}(?!\w)", wanted) for x in (g.name, g.short))), None)
            break

    # ------------------------------------------------------------ organisations and owners
    def _org(self, text: str) -> OrgMatch:
        found = self.matcher.read(text)
        self._org_seen(found)
        return found

    def _org_seen(self, org: OrgMatch) -> None:
        if org.org_id is None and org.text and org.text not in self.facts.unknown_orgs:
            self.facts.unknown_orgs.append(org.text)
        elif org.near:
            note = _("'{text}' was read as '{org}' (a near miss)").format(text=org.text, org=org.label)
            if all(n.message != note for n in self.facts.notes):
                self.facts.review("organisations", note, _("correct it if that is wrong"))

    def _owners(self) -> None:
        """Owners of action candidates: 'Ansvarig: X', 'uppdrar åt X', or who the sentence starts with."""
        people = self.facts.attendees + self.facts.guests + self.facts.chairs + self.facts.conveners + self.facts.secretaries
        for action in self.facts.actions:
            text = _dashes(action.text)
            explicit = re.search(r"ansvarig[a]?\s*:\s*([^.;]+)", text, re.IGNORECASE) \
                or re.search(r"uppdrar åt\s+(.+?)\s+att\b", text, re.IGNORECASE)
            if action.owner_text:
                head = _dashes(action.owner_text)
            elif explicit:
                head = explicit.group(1)
            else:
                keyword = ACTION_RE.search(text)
                head = text[:keyword.start()] if keyword else ""
                if len(head.split()) > 6:
                    continue
            action.owners = _named(head, people, self.matcher)
            if action.owner_text and not action.owners:
                people_named = parse_people(action.owner_text, self.matcher) or []
                parts = [p.strip() for p in re.split(r",|\s+och\s+", action.owner_text) if p.strip()]
                action.owners = [p for p in people_named if p.org] or \
                    [self.matcher.read(part) for part in parts if ORG_WORDS.search(part)]
            for owner in action.owners:
                if isinstance(owner, OrgMatch):
                    self._org_seen(owner)
            self._due(action)

    def _proposers(self) -> None:
        """Who made a proposal: one known person or organisation, or a body of abbreviations.yml,
        named before 'föreslår'."""
        people = self.facts.attendees + self.facts.guests + self.facts.chairs + self.facts.conveners + self.facts.secretaries
        bodies = {key.casefold(): key for pair in self.matcher.registry.abbreviations.items() for key in pair}
        for proposal in self.facts.proposals:
            keyword = PROPOSAL_RE.search(proposal.text)
            head = _dashes(proposal.text[:keyword.start()]).strip(" ,") if keyword else ""
            if not head or len(head.split()) > 6:
                continue
            named = _named(head, people, self.matcher)
            bare = re.sub(r"^(?:styrgruppen|arbetsgruppen|gruppen)\s+(?=[A-ZÅÄÖ])", "", head).strip()
            if len(named) == 1:
                proposal.proposer = named[0]
            elif not named and bare.casefold() in bodies:
                proposal.proposer = bodies[bare.casefold()]
            for who in named:
                if isinstance(who, OrgMatch):
                    self._org_seen(who)

    def _due(self, action: Candidate) -> None:
        if action.due_text:
            dates = find_dates(action.due_text)
        else:
            match = DUE_RE.search(action.text)
            if not match:
                return
            dates = find_dates(action.text[match.end():])
        if not dates or dates[0].start > 0:
            return
        reference = self.facts.date or self.given_date
        if dates[0].date():
            action.due = dates[0].date()
        elif reference and dates[0].day:
            action.due, action.due_inferred = dates[0].after(reference), True


def _named(text: str, people: list[PersonFact], matcher: OrgMatcher) -> list[PersonFact | OrgMatch]:
    """Organisations and known people (by full or unique first name) named in text."""
    found: list[PersonFact | OrgMatch] = []
    rest = text
    for person in people:
        if person.org and re.search(rf"\b{re.escape(_dashes(person.name))}\b", rest):
            found.append(person)
            rest = rest.replace(_dashes(person.name), " ")
    by_first: dict[str, list[PersonFact]] = {}
    for person in people:
        by_first.setdefault(_dashes(person.name).split()[0], []).append(person)
    for first, persons in by_first.items():
        unique = {p.name for p in persons}
        if len(unique) == 1 and persons[0].org and re.search(rf"(?<![\w-]){re.escape(first)}(?![\w-])", rest):
            found.append(persons[0])
            rest = rest.replace(first, " ")
    orgs_of_people = {p.org.org_id for p in found if isinstance(p, PersonFact) and p.org}
    for name in matcher.known_names():
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", rest):
            org = matcher.read(name)
            if org.org_id not in orgs_of_people:  # 'Sara Lind, AF': the person, not also AF
                found.append(org)
            rest = rest.replace(name, " ")
    return found


def _dashes(text: str) -> str:
    return re.sub(r"\s*[–—-]\s*(?=[A-ZÅÄÖ])", "-", text)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\"”])", text) if s.strip()]


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def recognise(document: Document, matcher: OrgMatcher, given_date: dt.date | None = None) -> Facts:
    """The facts a document states, and the lines they were read from."""
    return Recogniser(document, matcher, given_date).run()
