"""Tests for align.dates: tricky news phrasing, relations between mentions, and properties."""

from __future__ import annotations

import calendar
import itertools
import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align import dates, figures
from align.dates import DateMention, extract_dates, relation

FRI = date(2025, 4, 18)  # a Friday in ISO week 2025-W16, whose Thursday is April 17

# (sentence, reference, [(text, normalized), ...])
EXTRACTION = [
    # weekdays
    ("Huang visited Beijing on Thursday, days after Washington acted.", None, [("on Thursday", "Thu")]),
    ("Nvidia said Thursday it would comply.", None, [("Thursday", "Thu")]),
    ("Curbs came on Tuesday and the visit on Thursday.", None, [("on Tuesday", "Tue"), ("on Thursday", "Thu")]),
    ("He spoke earlier on Tuesday to reporters.", None, [("earlier on Tuesday", "Tue")]),
    ("Shares slid last Friday.", None, [("last Friday", "Fri:last")]),
    ("Huang visited Beijing on Thursday.", FRI, [("on Thursday", "2025-W16-Thu")]),
    ("The curbs were announced on Saturday.", FRI, [("on Saturday", "2025-W15-Sat")]),  # after Fri: last week
    ("Talks resume next Monday.", FRI, [("next Monday", "2025-W17-Mon")]),
    ("Black Friday sales rose sharply.", None, []),
    ("Mondays are usually quiet for markets.", None, []),
    ("The Sun, a tabloid, ran the story.", None, []),
    # relative days, weeks, months, years
    ("He made a surprise visit to Beijing this week.", None, [("this week", "week:this")]),
    ("He visited Beijing earlier this week.", None, [("earlier this week", "week:this")]),
    ("Officials will meet later this week.", None, [("later this week", "week:this")]),
    ("Exports slumped last week and will recover next week.", None, [("last week", "week:last"), ("next week", "week:next")]),
    ("Prices rose this month after falling last month.", None, [("this month", "month:this"), ("last month", "month:last")]),
    ("Last year sales rose; this year they fell.", None, [("Last year", "year:last"), ("this year", "year:this")]),
    ("Shares fell yesterday and today, and may fall tomorrow.", None,
     [("yesterday", "day:yesterday"), ("today", "day:today"), ("tomorrow", "day:tomorrow")]),
    ("He will speak tonight; aides met this morning.", None, [("tonight", "day:today"), ("this morning", "day:today")]),
    ("Shares fell yesterday, this week and last month.", FRI,
     [("yesterday", "2025-04-17"), ("this week", "2025-W16"), ("last month", "2025-03")]),
    ("USA Today reported the visit.", None, []),
    # months
    ("It follows his January commitment to cooperation.", None, [("January", "--01")]),
    ("The rules took effect in January.", None, [("in January", "--01")]),
    ("Sales fell in early March.", None, [("in early March", "--03")]),
    ("Shares have risen since March, analysts said.", None, [("March", "--03")]),
    ("Results are due in May.", None, [("in May", "--05")]),
    ("In focus Magazine March 2025 advertise", None, [("March 2025", "2025-03")]),
    ("May 2025 was a record month.", None, [("May 2025", "2025-05")]),
    ("Investors may worry about the curbs.", None, []),
    ("May the best chip win.", None, []),
    ("Workers will March on Washington.", None, []),
    ("Protesters march on the capital.", None, []),
    ("August Busch led the brewer for decades.", None, []),
    ("Profits jumped in August.", None, [("in August", "--08")]),
    ("The club is near Mar-a-Lago.", None, []),
    # full and partial dates
    ("The deal closed on Jan. 5.", None, [("on Jan. 5", "--01-05")]),
    ("It was signed January 5, 2025, in Washington.", None, [("January 5, 2025", "2025-01-05")]),
    ("It was signed 5 January 2025.", None, [("5 January 2025", "2025-01-05")]),
    ("The 5th of January was cold.", None, [("5th of January", "--01-05")]),
    ("On Thursday, April 17, 2025, Huang met He Lifeng.", None, [("On Thursday, April 17, 2025", "2025-04-17")]),
    ("The vote is Tues., March 4.", None, [("Tues., March 4", "--03-04")]),
    ("Filed on 2025-01-05 with regulators.", None, [("on 2025-01-05", "2025-01-05")]),
    ("The memo is dated 17/04/2025.", None, [("17/04/2025", "2025-04-17")]),
    ("The memo is dated 04/17/2025.", None, [("04/17/2025", "2025-04-17")]),
    ("The memo is dated 05/01/2025.", None, []),  # day or month first? unknowable
    ("Bids are due April 31.", None, []),  # no such day
    # years and decades
    ("The plant opens in 2025.", None, [("in 2025", "2025")]),
    ("It has grown since 2019.", None, [("2019", "2019")]),
    ("Prices peaked in mid-2024.", None, [("in mid-2024", "2024")]),
    ("The market boomed in the 1990s.", None, [("in the 1990s", "1990s")]),
    ("The company paid $2025 in fees.", None, []),
    ("A crowd of 2,025 people gathered.", None, []),
    ("There were 2025 people at the rally.", None, []),
    ("A crowd of 2025 people gathered.", None, []),
    ("He scored 1999 points in 12 games.", None, []),
    ("The 2024 election is over.", None, []),
    # spans and vague periods
    ("The group reported $17bn in sales from China last 12 months.", None, [("last 12 months", "P12M:past")]),
    ("Shares doubled over the past year.", None, [("over the past year", "P1Y:past")]),
    ("Nvidia will invest over the next four years.", None, [("over the next four years", "P4Y:next")]),
    ("He has led the company for two decades.", None, [("for two decades", "P20Y")]),
    ("Two decades of growth ended.", None, []),
    ("In the past 24 hours, shares fell.", None, [("In the past 24 hours", "PT24H:past")]),
    ("Commerce recently announced new rules.", None, [("recently", "recent")]),
    ("It is his second trip to China in recent months.", None, [("in recent months", "recent")]),
    ("Talks are expected in the coming weeks.", None, [("in the coming weeks", "coming")]),
    ("The next day, he flew to Shanghai.", None, []),  # a point in time, not a period
    # times
    ("The meeting starts at 3 p.m. ET.", None, [("3 p.m. ET", "T15:00")]),
    ("Trading opened at 10:30 a.m. in Hong Kong.", None, [("10:30 a.m.", "T10:30")]),
    ("They will meet at noon on Friday.", None, [("noon on Friday", "Fri@T12:00")]),  # a time of a day is part of it
    ("The score was 15:30 at half time.", None, []),
    ("Markets close at 4 PM.", None, [("4 PM", "T16:00")]),  # the full stop is not part of "PM"
    # in capitals, read as in lower case and shown as written
    ("Over The Past Twelve Months, sales doubled.", None, [("Over The Past Twelve Months", "P12M:past")]),
    ("TODAY the board met; Earlier This Week it voted.", None, [("TODAY", "day:today"), ("Earlier This Week", "week:this")]),
    ("The deal was signed ON 2025-01-05 in Paris.", None, [("ON 2025-01-05", "2025-01-05")]),
    ("Sales peaked IN 2019 and fell In Recent Weeks.", None, [("IN 2019", "2019"), ("In Recent Weeks", "recent")]),
    ("The 1990S band reunited.", None, []),  # a decade's "s" is lower-case
]


@pytest.mark.parametrize(("sentence", "reference", "expected"), EXTRACTION)
def test_extraction(sentence: str, reference: date | None, expected: list[tuple[str, str]]) -> None:
    mentions = extract_dates(sentence, reference)
    assert [(m.text, m.normalized) for m in mentions] == expected
    assert all(sentence[m.start : m.end] == m.text for m in mentions)


def test_fields_of_a_full_date() -> None:
    (m,) = extract_dates("It was signed January 5, 2025.")
    assert (m.granularity, m.year, m.month, m.day, m.weekday, m.relative) == ("day", 2025, 1, 5, 6, "")


def test_resolved_weekday_fields() -> None:
    (m,) = extract_dates("He landed on Thursday.", FRI)
    assert (m.granularity, m.year, m.month, m.day, m.weekday, m.relative) == ("day", 2025, 4, 17, 3, "weekday")


def _one(phrase: str, reference: date | None = None) -> DateMention:
    mentions = extract_dates(phrase, reference)
    assert len(mentions) == 1, (phrase, mentions)
    return mentions[0]


# (phrase a, phrase b, reference, relation)
RELATIONS = [
    ("on Thursday", "Thursday", None, "same"),
    ("on Thursday", "on Tuesday", None, "conflict"),
    ("this week", "on Thursday", None, "variant"),
    ("earlier this week", "on Tuesday", None, "variant"),
    ("in January", "in February", None, "conflict"),
    ("January 5, 2025", "5 January 2025", None, "same"),
    ("Jan. 5", "January 5", None, "same"),
    ("in January", "January 5, 2025", None, "variant"),
    ("Jan. 5", "Jan. 6", None, "conflict"),
    ("in 2024", "in 2025", None, "conflict"),
    ("in 2025", "March 2025", None, "variant"),
    ("March 2025", "April 2025", None, "conflict"),
    ("in the 1990s", "in 1998", None, "variant"),
    ("in the 1980s", "in 1998", None, "conflict"),
    ("last 12 months", "on Tuesday", None, "unrelated"),
    ("last 12 months", "the past year", None, "same"),
    ("over the past four years", "over the next four years", None, "unrelated"),
    ("for two decades", "for three decades", None, "conflict"),
    ("recently", "on Tuesday", None, "variant"),
    ("yesterday", "on Tuesday", None, "variant"),
    ("today", "yesterday", None, "conflict"),
    ("this week", "last week", None, "conflict"),
    ("last week", "last month", None, "variant"),
    ("Thursday", "April 17, 2025", None, "same"),  # April 17, 2025 was a Thursday: one day, two ways
    ("Wednesday, March 3", "March 3, 2021", None, "same"),  # the year left out
    ("on Thursday", "on April 17", None, "same"),  # nothing says they differ
    ("Tuesday", "April 17, 2025", None, "conflict"),
    ("3 p.m.", "15:00 GMT", None, "same"),
    ("3 p.m.", "4 p.m.", None, "conflict"),
    ("3 p.m.", "in January", None, "unrelated"),
    ("on Thursday", "April 17, 2025", FRI, "same"),
    ("on Tuesday", "April 17, 2025", FRI, "conflict"),
    ("this week", "April 17, 2025", FRI, "variant"),
    ("last week", "April 17, 2025", FRI, "conflict"),
    ("yesterday", "on Thursday", FRI, "same"),
]


@pytest.mark.parametrize(("a", "b", "reference", "expected"), RELATIONS)
def test_relation(a: str, b: str, reference: date | None, expected: str) -> None:
    ma, mb = _one(a, reference), _one(b, reference)
    assert relation(ma, mb) == expected
    assert relation(mb, ma) == expected


def test_relation_across_articles_with_and_without_reference() -> None:
    assert relation(_one("on Thursday", FRI), _one("on Thursday")) == "same"  # one day, pinned or not
    assert relation(_one("on Thursday", FRI), _one("on Tuesday")) == "conflict"


# --- properties -------------------------------------------------------------------------


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _formats(d: date) -> list[str]:
    name = calendar.month_name[d.month]
    abbr = calendar.month_abbr[d.month] + ("" if d.month == 5 else ".")  # "May" takes no point
    return [
        f"{name} {d.day}, {d.year}",
        f"{d.day} {name} {d.year}",
        f"{abbr} {d.day}, {d.year}",
        d.isoformat(),
        f"{_ordinal(d.day)} of {name} {d.year}",
    ]


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.data())
def test_reformatted_date_is_the_same(d: date, data: st.DataObject) -> None:
    formats = _formats(d)
    a = data.draw(st.sampled_from(formats))
    b = data.draw(st.sampled_from(formats))
    ma, mb = _one(f"It happened {a}, officials said."), _one(f"On {b} it happened.")
    assert ma.normalized == d.isoformat()
    assert relation(ma, mb) == "same"


_TOKENS = [
    "on", "in", "last", "next", "this", "earlier", "the", "past", "over", "for", "since", "of", "at",
    "Thursday", "Tue.", "Sun,", "May", "March", "August", "Busch", "January", "Jan.", "week", "month",
    "year", "years", "decades", "two", "12", "5", "17th", "2025", "1990s", "$2025", "2,025",
    "05/01/2025", "17/04/2025", "2025-01-05", "3", "p.m.", "10:30", "a.m.", "noon", "today",
    "yesterday", "recently", "recent", "months", ",", ".", "-", "GMT",
]


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(st.text(max_size=120), st.lists(st.sampled_from(_TOKENS), max_size=14).map(" ".join)),
    st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))),
)
def test_extraction_never_raises_and_spans_hold(text: str, reference: date | None) -> None:
    mentions = extract_dates(text, reference)
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert isinstance(m.normalized, str) and m.normalized
    assert all(x.end <= y.start for x, y in itertools.pairwise(mentions))
    for x in mentions:
        for y in mentions:
            assert relation(x, y) == relation(y, x) in {"same", "variant", "conflict", "unrelated"}


# --- what is not a date, parts of a day, clocks with zones --------------------------------------

@pytest.mark.parametrize("sentence", [
    "The minister told the Today show the talks failed.", "He spoke to NBC's Today.",
    "The Sunday Times reported it.", "The actor told Sunday Times reporters.", "Monday Night Football drew millions.",
])
def test_programmes_and_papers_are_not_dates(sentence: str) -> None:
    assert extract_dates(sentence) == []


@pytest.mark.parametrize("sentence, text, normalized", [
    ("The storm hit on Tuesday night.", "on Tuesday night", "Tue@night"),
    ("It happened early Sunday.", "early Sunday", "Sun@early"),
    ("The verdict came late on Friday afternoon.", "late on Friday afternoon", "Fri@afternoon"),
    ("The attack came on the night of Sept. 5.", "the night of Sept. 5", "--09-05@night"),
    ("Polls opened at 0300 GMT.", "0300 GMT", "T03:00"),
])
def test_parts_of_days_and_clock_times(sentence: str, text: str, normalized: str) -> None:
    (m,) = extract_dates(sentence)
    assert (m.text, m.normalized) == (text, normalized)


PARTS = [
    ("on Tuesday", "on Tuesday night", "variant"), ("on Tuesday morning", "on Tuesday night", "conflict"),
    ("on Tuesday night", "on Wednesday night", "conflict"), ("early Sunday", "on Sunday", "variant"),
    ("in April", "in April 2025", "same"), ("last year", "in 2023", "same"),
    ("at 3 p.m.", "at 5 p.m.", "conflict"), ("at 8 p.m.", "0100 GMT", "unrelated"),
]


@pytest.mark.parametrize("a, b, expected", PARTS)
def test_parts_zones_and_unpinned_dates(a: str, b: str, expected: str) -> None:
    ma, mb = _one(a), _one(b)
    assert relation(ma, mb) == relation(mb, ma) == expected


# Words of time that any writing takes: each pattern passes over words that cannot open a date
# (a gate of first letters), and that must hold however the words are cased.
@pytest.mark.parametrize("phrase", [
    "over the past year", "within two weeks", "for the next few months", "earlier this week",
    "late last month", "in recent days",  # ("Yesterday" mid-sentence is a programme's name)
    "over the coming weeks", "since 2019", "in early 2020", "during 1998", "until 2030", "after 2001",
])
def test_a_date_is_found_however_it_is_cased(phrase: str) -> None:
    sentence = "Officials said it happened {}, the agency reported."
    found = [[(d.start, d.end, d.normalized) for d in extract_dates(sentence.format(p))]
             for p in (phrase, phrase.title(), phrase.upper())]
    assert found[0] and found[0] == found[1] == found[2]


# Every gate (the letters a match can open with, written by hand) must let through every match
# the pattern finds: each gated pattern against itself without its gate, on real-world-shaped
# sentences written three ways, and on random runs of the words dates are made of.
_GATE = re.compile(r"\(\?=\[[^\]]+\]\)")
_GATED = {name: getattr(dates, name) for name in ("_MONTH_DATE", "_NUMERIC_DATE", "_WEEKDAY_RE", "_REL_DAY",
                                                  "_REL_PERIOD", "_SPAN", "_VAGUE", "_DECADE", "_YEAR", "_TIME")}
_GATED["_ORDINAL"] = figures._ORDINAL
_SENTENCES = [s for line in (Path(__file__).parent / "data" / "discrepancy_pairs.jsonl").read_text(encoding="utf-8")
              .splitlines() if line.strip() for s in (json.loads(line)["a"], json.loads(line)["b"])]
_DATE_WORDS = ("on in at by of for the this last next past coming recent recently early late mid earlier later "
               "since until during over within nearly about more than least a few several two 12 3 2019 1990s 2025-01-05 "
               "17/04/2025 5th 21st January Feb. March April May June July Aug. Sept. October Nov. December Dec. "
               "Monday Mon Tuesday Tues. Wednesday Thursday Thu Friday, Saturday Sun. today tonight yesterday tomorrow night "
               "morning evening "
               "week weeks month years decade century hours days 3 p.m. 15:30 GMT noon midnight first third").split()


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[object, ...]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("name", sorted(_GATED))
def test_no_gate_keeps_out_a_match_its_pattern_finds(name: str) -> None:
    gated = _GATED[name]
    ungated = re.compile(_GATE.sub("", gated.pattern, count=1), gated.flags)
    assert ungated.pattern != gated.pattern
    for text in _SENTENCES:
        for written in (text, text.upper(), text.lower(), text.title()):
            assert _matches(gated, written) == _matches(ungated, written), written


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_DATE_WORDS), st.sampled_from((str, str.upper, str.title))),
                min_size=1, max_size=12))
def test_no_gate_keeps_out_a_match_in_words_of_time(words: list[tuple[str, object]]) -> None:
    text = " ".join(case(word) for word, case in words)  # type: ignore[operator]
    for gated in _GATED.values():
        ungated = re.compile(_GATE.sub("", gated.pattern, count=1), gated.flags)
        assert _matches(gated, text) == _matches(ungated, text)
        assert _matches(gated, text.lower()) == _matches(ungated, text.lower())
