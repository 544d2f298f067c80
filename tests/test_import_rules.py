"""notula import: one hand-made case per recognition rule (issue 11)."""

from __future__ import annotations

import datetime as dt

import pytest

from support.importing import import_text

D = dt.date

# (what the minutes say, the field, what the front-matter must hold)
CASES = [
    # attendance: "Name, Organisation", "Name, Org, Unit", "Org: Name", via länk
    ("Närvarande:\nAnna Berg, Halmstad\nBo Ek, Region Halland", "attendees",
     [{"name": "Anna Berg", "org": "Halmstad"}, {"name": "Bo Ek", "org": "Region Halland"}]),
    ("Deltagare: Anna Berg, Halmstad; Bo Ek, Varbergs kommun", "attendees",
     [{"name": "Anna Berg", "org": "Halmstad"}, {"name": "Bo Ek", "org": "Varbergs kommun"}]),
    ("Deltagare: Anna Berg (Halmstad), Bo Ek (Varberg) (via länk)", "attendees",
     [{"name": "Anna Berg", "org": "Halmstad"}, {"name": "Bo Ek", "org": "Varberg", "remote": True}]),
    ("Deltagare: Anna Berg, Halmstad, Socialförvaltningen", "attendees",
     [{"name": "Anna Berg", "org": "Halmstad", "unit": "Socialförvaltningen"}]),
    ("Deltagare:\nHalmstad: Anna Berg; Varberg: Bo Ek, Cia Dahl", "attendees",
     [{"name": "Anna Berg", "org": "Halmstad"}, {"name": "Bo Ek", "org": "Varberg"}, {"name": "Cia Dahl", "org": "Varberg"}]),
    ("Deltagare:\nHalmstad: Anna Berg Länsstyrelsen: Bo Ek", "attendees",
     [{"name": "Anna Berg", "org": "Halmstad"}, {"name": "Bo Ek", "org": "Länsstyrelsen"}]),
    ("Närvarande: Anna Berg, Halmstad (via länk)", "attendees", [{"name": "Anna Berg", "org": "Halmstad", "remote": True}]),
    ("Närvarande: Anna Berg, Halmstad\nVia länk: Bo Ek, Hylte", "attendees",
     [{"name": "Anna Berg", "org": "Halmstad"}, {"name": "Bo Ek", "org": "Hylte", "remote": True}]),
    ("Närvarande:\nAnna Berg, Halmstad\nBo Ek, Hylte (pkt 5)", "attendees",
     [{"name": "Anna Berg", "org": "Halmstad"}, {"name": "Bo Ek", "org": "Hylte", "items": [5]}]),
    # partial attendance, as minutes write it, with a unit too
    ("Närvarande:\nPer Holm, Lerum (pkt 3)\nBo Ek, Hylte (punkt 3–4)\nCia Dahl, Varberg (§ 3)\n"
     "Dan Ek, Region Halland, FoU i Väst (pkt 3)\nEva Ek, Laholm (p. 2, 4)", "attendees",
     [{"name": "Per Holm", "org": "Lerum", "items": [3]}, {"name": "Bo Ek", "org": "Hylte", "items": [3, 4]},
      {"name": "Cia Dahl", "org": "Varberg", "items": [3]},
      {"name": "Dan Ek", "org": "Region Halland", "unit": "FoU i Väst", "items": [3]},
      {"name": "Eva Ek", "org": "Laholm", "items": [2, 4]}]),
    ("Närvarande:\nPer Holm, Lerum, pkt 3\nBo Ek, Hylte (endast punkt 4)\nCia Dahl, Varberg, FoU, punkterna 2 och 5\n"
     "Anna Berg, Halmstad (från pkt 3)", "attendees",  # 'from item 3' names no items: not read, the line stays
     [{"name": "Per Holm", "org": "Lerum", "items": [3]}, {"name": "Bo Ek", "org": "Hylte", "items": [4]},
      {"name": "Cia Dahl", "org": "Varberg", "unit": "FoU", "items": [2, 5]}]),
    ("Närvarande: Halmstad: Anna Berg (pkt 2–3), Bo Ek (via länk)", "attendees",
     [{"name": "Anna Berg", "org": "Halmstad", "items": [2, 3]}, {"name": "Bo Ek", "org": "Halmstad", "remote": True}]),
    # roles: a convener (sammankallande) and a chair, by label or by a note
    ("Närvarande:\nAnna Berg, Halmstad (sammankallande)\nBo Ek, Hylte (ordförande)\nCia Dahl, Varberg\n"
     "Varberg: Dan Ek (ordf.), Eva Ek (adj.)", "attendees",
     [{"name": "Anna Berg", "org": "Halmstad", "role": "convener"}, {"name": "Bo Ek", "org": "Hylte", "role": "chair"},
      {"name": "Cia Dahl", "org": "Varberg"}, {"name": "Dan Ek", "org": "Varberg", "role": "chair"},
      {"name": "Eva Ek", "org": "Varberg", "role": "adjunct"}]),
    ("Sammankallande: Anna Berg, Halmstad\nNärvarande: Anna Berg, Halmstad; Bo Ek, Hylte", "attendees",
     [{"name": "Anna Berg", "org": "Halmstad", "role": "convener"}, {"name": "Bo Ek", "org": "Hylte"}]),
    ("Ordförande: Anna Berg, Halmstad\nNärvarande: Anna Berg, Halmstad; Bo Ek, Hylte", "attendees",
     [{"name": "Anna Berg", "org": "Halmstad", "role": "chair"}, {"name": "Bo Ek", "org": "Hylte"}]),
    # absence
    ("Närvarande: Anna Berg, Halmstad\nEj närvarande: Bo Ek, Varberg", "absent", [{"name": "Bo Ek", "org": "Varberg"}]),
    ("Närvarande: Anna Berg, Halmstad\nFrånvarande: Varberg: Bo Ek", "absent", [{"name": "Bo Ek", "org": "Varberg"}]),
    ("Närvarande: Anna Berg, Halmstad\nAnmält förhinder: Bo Ek, Varberg, Cia Dahl, Region Halland", "absent",
     [{"name": "Bo Ek", "org": "Varberg", "notified": True}, {"name": "Cia Dahl", "org": "Region Halland", "notified": True}]),
    # guests
    ("Gäster: Sara Lind, Arbetsförmedlingen (pkt 3)", "guests", [{"name": "Sara Lind", "org": "Arbetsförmedlingen", "items": [3]}]),
    ("Inbjudna:\nProjektet Bro (Halmstads kommun): Sara Lind, Olle Dahl", "guests",
     [{"name": "Sara Lind", "org": "Halmstads kommun", "affiliation": "Projektet Bro"},
      {"name": "Olle Dahl", "org": "Halmstads kommun", "affiliation": "Projektet Bro"}]),
    ("Gäster: Sara Lind, Arbetsförmedlingen (punkt 3 och 4)", "guests",
     [{"name": "Sara Lind", "org": "Arbetsförmedlingen", "items": [3, 4]}]),
    # time, place, date, host
    ("Tid: kl 9-12", "time", "09:00-12:00"),
    ("Tid: 13.15–15.00", "time", "13:15-15:00"),
    ("Tid: 09.30", "time", "09:30"),
    ("Tid och plats: 4 april 2017 kl. 9.00-12.00, Rådhuset", "place", "Rådhuset"),
    ("Plats: Rådhuset, Halmstad,", "place", "Rådhuset, Halmstad"),
    ("Mötet ägde rum på Stadshuset i Varberg", "place", "Stadshuset i Varberg"),
    ("Värd: Laholms kommun", "host", "Laholms kommun"),
    # note-takers
    ("Antecknat av: Anna Berg, Halmstad", "secretary", {"name": "Anna Berg", "org": "Halmstad"}),
    ("Vid tangenterna\n\nAnna Berg, Region Halland", "secretary", {"name": "Anna Berg", "org": "Region Halland"}),
    ("Sekreterare: Halmstad: Anna Berg", "secretary", {"name": "Anna Berg", "org": "Halmstad"}),
    ("Antecknat av: Anna Berg, Halmstad och Bo Ek, Varberg", "secretary",
     [{"name": "Anna Berg", "org": "Halmstad"}, {"name": "Bo Ek", "org": "Varberg"}]),
    # the label on its own line, the names in the next paragraph (organisations from the attendance)
    ("Närvarande: Anna Berg, Halmstad; Lars Ek, Varberg\n\nAntecknat av:\n\nAnna Berg och Lars Ek", "secretary",
     [{"name": "Anna Berg", "org": "Halmstad"}, {"name": "Lars Ek", "org": "Varberg"}]),
    ("Närvarande: Anna Berg, Halmstad; Lars Ek, Varberg\n\nAntecknat av: Anna Berg, Lars Ek", "secretary",
     [{"name": "Anna Berg", "org": "Halmstad"}, {"name": "Lars Ek", "org": "Varberg"}]),
    ("Vid pennan: Anna Berg (Halmstad) och Lars Ek (Varberg)", "secretary",
     [{"name": "Anna Berg", "org": "Halmstad"}, {"name": "Lars Ek", "org": "Varberg"}]),
    ("Vid tangenterna:\n\nAnna Berg, Halmstad och Lars Ek, Region Halland", "secretary",
     [{"name": "Anna Berg", "org": "Halmstad"}, {"name": "Lars Ek", "org": "Region Halland"}]),
    # schedule
    ("Nästa möte: 9 maj 2017 kl 13-16 i Rådhuset", "next_meetings",
     [{"date": "2017-05-09", "time": "13:00-16:00", "place": "Rådhuset"}]),
    ("Kommande möten:\n\n- 16 augusti 9:00-12:00 Kungsbacka\n- 14 september 9.00 - 12.00 Laholm\n- Januari 2018 Varberg",
     "next_meetings", [{"date": "2017-08-16", "time": "09:00-12:00", "place": "Kungsbacka"},
                       {"date": "2017-09-14", "time": "09:00-12:00", "place": "Laholm"},
                       {"date": "2018-01", "place": "Varberg"}]),
    ("Nästa möte: september 2021", "next_meetings", [{"date": "2021-09"}]),
    ("Nästa möte: i september 2021 i Varberg", "next_meetings", [{"date": "2021-09", "place": "Varberg"}]),
    # other dated events: under their own label, in the schedule, and as candidates from running text
    ("Viktiga datum:\n\n- 2017-10-15 Sista dag att söka §37-medel\n- 15 maj 2017 kl 9-16 Temadag om hälsa\n"
     "- Oktober 2017 Regional konferens", "events",
     [{"date": "2017-10-15", "title": "Sista dag att söka §37-medel"},
      {"date": "2017-05-15", "time": "09:00-16:00", "title": "Temadag om hälsa"},
      {"date": "2017-10", "title": "Regional konferens"}]),
    ("Kommande möten:\n\n- 16 augusti 9:00-12:00 Kungsbacka\n- 20 september Konferens om integration i Varberg",
     "events", [{"date": "2017-09-20", "title": "Konferens om integration i Varberg"}]),
    ("Dua bjuder in till etableringsdialog 11 maj 10:00 – 15:00.", "events",  # date and time at the end: taken out
     [{"date": "2017-05-11", "time": "10:00-15:00", "title": "Dua bjuder in till etableringsdialog."}]),
    ("Den 15 maj är det temadag i Halmstad. Dua bjuder in till dialog 11 maj kl 10 i Laholm.", "events",  # inside: kept
     [{"date": "2017-05-15", "title": "Den 15 maj är det temadag i Halmstad."},
      {"date": "2017-05-11", "time": "10:00", "title": "Dua bjuder in till dialog 11 maj kl 10 i Laholm."}]),
    # proposals, apart from decisions
    ("1. Inledning\n\n2. Tolkar\n\nArbetsgruppen föreslår att gruppen beslutar att upphandla tolkar.", "proposals",
     [{"id": "p1", "text": "Arbetsgruppen föreslår att gruppen beslutar att upphandla tolkar.", "item": 2}]),
    ("1. Tolkar\n\nArbetsgruppen föreslår att gruppen beslutar att upphandla tolkar.", "decisions", None),
    ("Närvarande: Anna Berg, Halmstad\n\nAnna föreslår en temadag. CGH föreslår en rapport. Halmstad föreslår ett möte.",
     "proposals", [{"id": "p1", "text": "Anna föreslår en temadag.", "by": "Anna Berg, Halmstad"},
                   {"id": "p2", "text": "CGH föreslår en rapport.", "by": "CGH"},
                   {"id": "p3", "text": "Halmstad föreslår ett möte.", "by": "Halmstad"}]),
    ("Förslag: Bjuda in In-Väst till mässan.", "proposals", [{"id": "p1", "text": "Bjuda in In-Väst till mässan."}]),
    ("Förslag till beslut:\n\nGruppen antar planen.\n\nÖvrigt:\n\nInget.", "proposals",
     [{"id": "p1", "text": "Gruppen antar planen."}]),
    ("1. Budget\n\nFörslag om ny budget för nästa år\n\nVi pratade om budgeten.", "proposals", None),  # a title, not a label
    ("1. Inledning\n\n2. Nästa möte\n\n7 juni 9:00-12:00 OBS! Preliminärt.", "next_meetings",
     [{"date": "2017-06-07", "time": "09:00-12:00", "note": "OBS! Preliminärt."}]),
    # decisions and actions, with their agenda item
    ("1. Inledning\n\n2. Riktlinjer\n\nGruppen beslutar att ta fram riktlinjer. Det var bra.", "decisions",
     [{"id": "d1", "text": "Gruppen beslutar att ta fram riktlinjer.", "item": 2}]),
    ("Beslut: Planen godkänns.", "decisions", [{"id": "d1", "text": "Planen godkänns."}]),
    ("Beslut CGH:\n\nGruppen får i uppdrag att kartlägga.\n\nAnnat:", "decisions",
     [{"id": "d1", "text": "Gruppen får i uppdrag att kartlägga.", "by": "CGH"}]),
    ("1. Tolkar\n\nHalmstad återkommer med underlag senast den 1 juni 2017.", "actions",
     [{"id": "a1", "text": "Halmstad återkommer med underlag senast den 1 juni 2017.", "owners": ["Halmstad"],
       "due": "2017-06-01", "item": 1}]),
    ("Länsstyrelsen får i uppdrag att samla in behoven.", "actions",
     [{"id": "a1", "text": "Länsstyrelsen får i uppdrag att samla in behoven.", "owners": ["Länsstyrelsen"]}]),
    ("Gäster: Sara Lind, Arbetsförmedlingen\n\nSara återkommer med siffror.", "actions",
     [{"id": "a1", "text": "Sara återkommer med siffror.", "owners": ["Sara Lind, Arbetsförmedlingen"]}]),
    ("Gruppen återkommer i frågan.", "actions", [{"id": "a1", "text": "Gruppen återkommer i frågan."}]),  # no owner
    ("Ta fram en plan för tolkar.\nAnsvarig: Halmstad\nKlart: 2017-06-01", "actions",
     [{"id": "a1", "text": "Ta fram en plan för tolkar.", "owners": ["Halmstad"], "due": "2017-06-01"}]),
    ("Gäster: Sara Lind, Arbetsförmedlingen\n\nTa fram siffror.\nAnsvarig: Sara Lind, Arbetsförmedlingen", "actions",
     [{"id": "a1", "text": "Ta fram siffror.", "owners": ["Sara Lind, Arbetsförmedlingen"]}]),
    ("Ta fram siffror.\nAnsvarig: Anna", "actions", [{"id": "a1", "text": "Ta fram siffror."}]),  # a first name alone is no owner
    ("Beslut om budget: Budgeten antas.", "decisions", [{"id": "d1", "text": "Budgeten antas."}]),
    # organisations: near misses are read as the registry's name
    ("Närvarande: Anna Berg, Halmstads kommunn", "attendees", [{"name": "Anna Berg", "org": "Halmstad"}]),
]


@pytest.mark.parametrize("text, field, expected", CASES, ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_rule(text, field, expected):
    meta = import_text(text).meta
    assert meta.get(field) == expected


def test_dates_in_the_text():
    cases = {
        "Minnesanteckningar Strategisk grupp integration den 4 april 2017": D(2017, 4, 4),
        "Protokoll\n\n2017-04-04\n\nNärvarande: Anna Berg, Halmstad": D(2017, 4, 4),
        "Anteckningar\n\nDatum: 4/4 2017": D(2017, 4, 4),
        "Möte i gruppen\n\nTid: måndag 4 april 2017 kl 9-12": D(2017, 4, 4),
    }
    for text, date in cases.items():
        facts = import_text(text, date=None).facts
        assert facts.date == date, text


def test_a_month_is_not_a_date():
    facts = import_text("Rapport maj 2016\n\nText.", date=None).facts
    assert facts.date is None and facts.month_only == "maj 2016"


def test_agenda_items_become_numbered_headings():
    result = import_text("Anteckningar\n\n1. Inledning\n\nText.\n\n2) Ekonomi kl. 10.00-11.00\n\n§ 3 Övrigt\n\n"
                         "9 maj i Halmstad")
    assert "## 1. Inledning" in result.body and "## 2. Ekonomi kl. 10.00-11.00" in result.body
    assert "## 3. Övrigt" in result.body
    assert "9 maj i Halmstad" in result.body  # a date, not item 9


def test_what_the_format_cannot_hold_stays_in_the_text_for_review():
    result = import_text("Närvarande:\nAnna Berg, Halmstad\nCia Dahl\n\nJusterare: Dan Ek, Varberg\n\n"
                         "Gäster: Sara Lind, Arbetsförmedlingen (via länk)\n\nAntecknat av: Anna Berg, Halmstad")
    body, notes = result.body, " | ".join(result.notes())
    for kept in ("Cia Dahl", "Justerare: Dan Ek, Varberg", "Gäster: Sara Lind, Arbetsförmedlingen (via länk)"):
        assert kept in body
    assert "Antecknat av" not in body and "Anna Berg, Halmstad\n" not in body  # carried: removed
    assert "Närvarande:" in body  # the heading stays with the lines it heads
    assert "'Cia Dahl' has no organisation" in notes
    assert "justerare Dan Ek, Varberg, which the format cannot hold (adjusters)" in notes
    assert "'Sara Lind, Arbetsförmedlingen' took part via link, which the format cannot hold (guests[].remote)" in notes
    assert "guests" not in result.meta  # not written without the fact it lost


def test_a_note_that_is_not_read_keeps_the_line():
    result = import_text("Närvarande:\nAnna Berg, Halmstad (från pkt 3)\nBo Ek, Hylte\n\n"
                         "Gäster: Sara Lind, Arbetsförmedlingen (efter lunch)")
    assert result.meta["attendees"] == [{"name": "Bo Ek", "org": "Hylte"}] and "guests" not in result.meta
    assert "Anna Berg, Halmstad (från pkt 3)" in result.body and "Sara Lind, Arbetsförmedlingen (efter lunch)" in result.body
    assert "attendees: 'Anna Berg, Halmstad' is listed with '(från pkt 3)', which import does not read" in " | ".join(result.notes())
    assert result.facts.unknown_orgs == []  # not 'Halmstad (från pkt 3' as an organisation


def test_a_label_whose_lines_are_not_read_stays_in_the_text():
    result = import_text("Antecknat av:\n\nsom vanligt av ordföranden själv\n\nText.")
    assert result.body.startswith("Antecknat av:\n\nsom vanligt")
    assert "secretary" not in result.meta


def test_lines_carried_in_full_leave_the_body():
    result = import_text("Protokoll\n\nTid: kl 9-12\n\nPlats: Rådhuset\n\nNärvarande:\nAnna Berg, Halmstad\n\n1. Inledning\n\nText.")
    assert result.body.strip() == "## 1. Inledning\n\nText."


def test_a_near_miss_is_reported():
    result = import_text("Närvarande: Anna Berg, Halmstads kommunn")
    assert any("near miss" in note for note in result.notes())


def test_unknown_organisations_are_listed():
    result = import_text("Närvarande: Anna Berg, Hallands bildningsförbund; Bo Ek, Halmstad")
    assert result.facts.unknown_orgs == ["Hallands bildningsförbund"]
    assert result.meta["attendees"][0] == {"name": "Anna Berg", "org": "Hallands bildningsförbund"}


def test_running_text_is_not_a_list_of_people():
    result = import_text("Deltagare:\nAnna Berg, Halmstad\n\nMötet var ett arbetsmöte om det som hänt.")
    assert len(result.meta["attendees"]) == 1
    assert "Mötet var ett arbetsmöte" in result.body


def test_values_read_back_as_written():
    # quotes, colons, a leading zero and YAML words survive the round trip
    result = import_text('Plats: "Huset": 09:00, no\n\nNärvarande: Anna Berg, Halmstad')
    assert result.meta["place"] == '"Huset": 09:00, no'


def test_a_date_from_running_text_is_reported():
    result = import_text("Gruppen träffades den 4 april 2017 i Halmstad.\n\nNärvarande: Anna Berg, Halmstad", date=None)
    assert result.facts.date == D(2017, 4, 4)
    assert any(note.startswith("date: read from the line 'Gruppen träffades") for note in result.notes())
    assert "Gruppen träffades" in result.body


def test_a_paper_names_its_meeting_and_author():
    result = import_text("Underlag inför SGI-mötet 9 maj 2017\n\nFörfattare: Halmstad\n\nBakgrund\n\nText.", date=None)
    meta, notes = result.meta, " | ".join(result.notes())
    assert (meta["type"], meta["date"], meta["for_meeting"], meta["author"]) == ("paper", "2017-05-09", "sgi/2017-05-09", "Halmstad")
    assert "the paper's own date is not written; the date of its meeting is used" in notes
    assert "Författare" not in result.body and "Underlag inför" not in result.body
    other = import_text("Underlag om tolkar\n\nFörfattare: Anna Berg, Halmstad\n\nDatum: 2017-04-20\n\nText.", date=None)
    assert other.meta["type"] == "paper" and "for_meeting" not in other.meta  # it names no meeting
    assert other.meta["author"] == {"name": "Anna Berg", "org": "Halmstad"}
    assert "for_meeting: the paper does not name the date of its meeting" in " | ".join(other.notes("missing"))
    minutes = import_text("Underlag\n\nNärvarande: Anna Berg, Halmstad\n\nText.")  # an attendance list: minutes
    assert minutes.meta["type"] == "minutes" and "reads as a paper" in " | ".join(minutes.notes())
