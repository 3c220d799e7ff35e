"""Date and time expressions in news sentences, normalised so two reports can be compared.

Sources covering one event disagree most visibly on when it happened ("on Thursday" vs
"on Tuesday"), but they also phrase the same date many ways ("Thursday", "April 17, 2025",
"earlier this week"). Each mention keeps its character span (so the UI can highlight it)
and the calendar fields it states or implies; ``relation`` then says whether two mentions
agree, one merely refines the other, or they contradict.

Only ``re`` and ``datetime`` are used: dateutil/dateparser are heavy and too eager (they
read "may" and "2,025" as dates), and this runs over thousands of sentences per article set.
Precision beats recall throughout: a missed date costs nothing, a misread one invents a
conflict between sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, lru_cache
from typing import Final

from .caseless import as_patterns_read, for_lowered_text
from .memo import per_sentence

__all__ = ["DateMention", "dates_in", "extract_dates", "relation"]


@dataclass(frozen=True)  # no slots: `normalized` is worked out once and kept on the instance
class DateMention:
    """One date or time expression: ``text == sentence[start:end]``.

    ``year``/``month``/``day``/``weekday`` (0=Mon) hold what the words state or imply;
    relative words fill them only when the article's reference date is known. For week
    granularity they give the week's Monday, the only way these fields can name a week.
    A decade ("the 1990s") is a "span" whose ``year`` is its first year.
    """

    start: int
    end: int
    text: str
    granularity: str
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None
    relative: str
    part: str = ""  # of a day: "morning", "afternoon", "evening", "night", or "early"/"late"

    @cached_property
    def normalized(self) -> str:
        """Comparable key, e.g. "2025-04-17", "2025-W16-Thu", "Thu@night", "week:this", "--01", "P12M:past"."""
        return self._key + (f"@{self.part}" if self.part else "")

    @property
    def _key(self) -> str:
        g, rel = self.granularity, self.relative
        if g == "time":
            return _time_key(self.text)
        if g == "span":
            if self.year is not None:
                return f"{self.year}s"
            if rel in _VAGUE_TAGS:
                return rel
            return _span_key(self.text, rel)
        if self.year is not None:
            if g == "year":
                return str(self.year)
            if g == "month":
                return f"{self.year:04d}-{self.month:02d}"
            d = date(self.year, self.month or 1, self.day or 1)
            iso = d.isocalendar()
            if g == "week":
                return f"{iso.year}-W{iso.week:02d}"
            if rel.endswith("weekday"):
                return f"{iso.year}-W{iso.week:02d}-{_WD_ABBR[d.weekday()]}"
            return d.isoformat()
        if self.month is not None:
            return f"--{self.month:02d}" if self.day is None else f"--{self.month:02d}-{self.day:02d}"
        if self.weekday is not None:
            which = rel.removesuffix("weekday").rstrip("_")
            return _WD_ABBR[self.weekday] + (f":{which}" if which else "")
        if g == "day":
            return f"day:{rel}"
        return f"{g}:{_which(rel)}"


# --- vocabulary -------------------------------------------------------------------------

_MONTH_NAMES: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_WEEKDAY_NAMES: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NO: Final = {name[:3]: i for i, name in enumerate(_MONTH_NAMES, 1)}
_WD_ABBR: Final = tuple(name[:3] for name in _WEEKDAY_NAMES)
_WD_NO: Final = {abbr: i for i, abbr in enumerate(_WD_ABBR)}

# Words that make a bare capitalised "May"/"March" a month, and that license a bare month
# followed by a capitalised word (otherwise "August Busch" would be a month).
_MONTH_CONTEXT: Final = frozenset(
    "in on since until till by from through before after during of to and or early late mid "
    "last next this between around throughout for".split()
)
# A capitalised word that turns a weekday or "Today" into a name.
_NAME_BEFORE: Final = frozenset(
    "Black Good Super Cyber Giving Ash Holy Easter Palm Maundy Bloody Blue USA The the".split()
)
# A capitalised word after a weekday that makes it a publication or a programme ("Sunday Times",
# "Monday Night Football"), not a date.
_NAME_AFTER: Final = frozenset(
    "Times Telegraph Mirror Express Herald Post Independent Mail Tribune Star Sport Night Morning "
    "Politics Football Show Edition Review World Magazine Sun People Observer Briefing".split()
)
_PARTS: Final = ("morning", "afternoon", "evening", "night")
# Lower-case words that may follow a year; any other ("2025 people") makes it a count.
_YEAR_FOLLOWERS: Final = frozenset(
    "the a an and or to when as after before with for but was were is are had has have he she "
    "it they we i alone onward onwards through until at on in compared amid while because than "
    "according following that this his her their its which where there from versus vs into "
    "under during by of so if saw since only".split()
)
_NUMBER_WORDS: Final = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "eighteen": 18, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "couple of": 2,
}
# Span unit (first three letters) -> (ISO 8601 designator, multiplier).
_UNITS: Final = {
    "hou": ("H", 1), "day": ("D", 1), "wee": ("W", 1), "mon": ("M", 1),
    "yea": ("Y", 1), "dec": ("Y", 10), "cen": ("Y", 100),
}
_UNIT_DAYS: Final = {"H": 1 / 24, "D": 1.0, "W": 7.0, "M": 30.44, "Y": 365.25}
_VAGUE_TAGS: Final = frozenset({"recent", "coming"})
_DAY_OFFSET: Final = {"today": 0, "yesterday": -1, "tomorrow": 1}
_WHICH_OFFSET: Final = {"this": 0, "last": -1, "next": 1}

# --- patterns ---------------------------------------------------------------------------

_MONTH: Final = (
    r"(?:(?:" + "|".join(_MONTH_NAMES) + r")(?![a-z])"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![a-z])\.?)"
)
_WEEKDAY: Final = (r"(?:(?:" + "|".join(_WEEKDAY_NAMES)
                   + r")|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)(?![a-z])\.?)(?!\w)")


def _daynum(name: str) -> str:
    """A day of the month, ordinal suffix allowed; named because each date shape needs its own group."""
    return rf"(?P<{name}>[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\w)"


_YEAR4: Final = r"(?:19[0-9][0-9]|20[0-9][0-9]|2100)(?![0-9])"
_NUM: Final = r"[0-9]{1,3}|(?:a\s+)?few|several|" + "|".join(w.replace(" ", r"\s+") for w in _NUMBER_WORDS)
_TZ: Final = (r"(?:GMT|UTC|BST|CEST|CET|EST|EDT|ET|CST|CDT|CT|MST|MDT|MT|PST|PDT|PT|JST|HKT|SGT|IST|AEST|AEDT)"
               r"(?![A-Za-z])")

# "on Thursday, April 17, 2025", "5th of January", "mid-March", "in January 2025".
# Each pattern that can open on many words starts with a cheap gate: the letters (either case)
# and digits a match can begin with; every other word is passed over at once (a scan 1.4-3x faster).
_MONTH_DATE: Final = re.compile(
    rf"""\b(?=[EeLlOoIiMmTWFSJAND0-9])(?P<pfx>(?i:(?:(?:earlier|later)\s+)?(?:on|in)\s+)?(?i:(?:early|late|mid)[\s-]+)?)
    (?:
        (?:(?P<wd>{_WEEKDAY}),?\s+)?
        (?:
            (?P<mon1>{_MONTH})\s+{_daynum("d1")}(?:,?\s+(?P<y1>{_YEAR4}))?
          | (?<![0-9$£€.,]){_daynum("d2")}\s+(?:of\s+)?(?P<mon2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR4}))?
        )
      | (?P<mon3>{_MONTH})(?:,?\s+(?:of\s+)?(?P<y3>{_YEAR4}))?
    )""",
    re.X,
)
# "2025-01-05", "17/04/2025".
_NUMERIC_DATE: Final = re.compile(
    rf"""(?=[Oo0-9])(?P<pfx>\b(?i:on)\s+)?(?<![\w/.-])
    (?:(?P<iy>{_YEAR4})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12][0-9]|3[01])
      |(?P<a>[0-9]{{1,2}})/(?P<b>[0-9]{{1,2}})/(?P<sy>{_YEAR4}))
    (?![\w/-]|\.[0-9])""",
    re.X,
)
_WEEKDAY_RE: Final = re.compile(
    rf"""\b(?=[EeLlOoNnTtMWFS])(?P<pfx>(?i:(?:earlier|later|early|late)\s+on|on|last|next|this|earlier|later)\s+)?
    (?:(?P<wd>{"|".join(_WEEKDAY_NAMES)})(?!\w)
      |(?P<wda>Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)(?![a-z])\.?(?=,|\s+(?:[0-9]|{_MONTH})))""",
    re.X,
)
_REL_DAY: Final = re.compile(
    r"\b(?=[EeLlTtYy])(?i:(?:earlier|later|early|late)\s+)?"
    r"(?P<w>(?i:today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)))\b"
)
_REL_PERIOD: Final = re.compile(
    r"\b(?=[EeLlTtNn])(?i:(?P<mod>earlier|later|early|late)\s+)?(?i:(?P<which>this|last|next)\s+(?P<unit>week|month|year))\b(?!-)"
)
# "last 12 months", "over the next four years", "for two decades", "the past year".
_SPAN: Final = re.compile(
    rf"""\b(?=[FfOoIiWwDdTtPpLlNnCcAaMmRrHhSsEeYy0-9])(?i:
    (?:(?P<prep>for|over|in|within|during)\s+)?
    (?P<the>the\s+)?
    (?:(?P<dir>past|last|next|previous|coming|preceding)\s+)?
    (?:(?:nearly|almost|about|around|roughly|more\s+than|at\s+least)\s+)?
    (?:(?P<n>{_NUM})\s+)?
    (?P<unit>hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies))
    )\b""",
    re.X,
)
_VAGUE: Final = re.compile(
    r"\b(?=[RrIiOo])(?i:(?P<recent>recently|(?:in|over)\s+recent\s+(?:days|weeks|months|years|times))"
    r"|(?:in|over)\s+the\s+coming\s+(?:days|weeks|months|years))\b"
)
_DECADE: Final = re.compile(
    r"\b(?=[IiTtEeLlMm12])(?i:(?:in\s+)?the\s+)?(?i:(?:early|late|mid)[\s-]+)?(?P<dec>(?:19|20)[0-9]0)s\b")
_YEAR: Final = re.compile(
    r"\b(?=[IiSsBbUuTtOoFfDdAaEeLlMm12])(?:(?P<prep>(?i:in|since|by|until|till|of|from|during|before|after|through|between))\s+)?"
    rf"(?:(?P<mod>(?i:early|late|mid))[\s-]+)?(?<![0-9$£€.,])(?P<y>{_YEAR4})(?![\w%]|[-–/][0-9]|[,.][0-9])"
)
_TIME: Final = re.compile(
    rf"""(?=[0-9NnMm])(?<![\w:.])(?:
        (?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5][0-9]))?\s?(?P<ap>[aApP]\.[mM]\.?|[aApP][mM])(?![A-Za-z])
      | (?P<h24>[01]?[0-9]|2[0-3]):(?P<m24>[0-5][0-9])(?![0-9:])
      | (?P<hmil>[01][0-9]|2[0-3])(?P<mmil>[0-5][0-9])(?=\s?(?:{_TZ}|hrs\b|GMT)|\s+on\b)
      | (?P<named>[Nn]oon|[Mm]idnight)(?![A-Za-z])
    )(?:\s(?P<tz>{_TZ}))?""",
    re.X,
)
_PREV_WORD: Final = re.compile(r"\b([A-Za-z]+)\W*$")
_NEXT_WORD: Final = re.compile(r"\s+([a-z]+)")
_CAP_NEXT: Final = re.compile(r"\s+[A-Z][a-z]")
_CAP_WORD_AFTER: Final = re.compile(r"'?s?\s+([A-Z][a-z]+)")
_PART_AFTER: Final = re.compile(r"\s+(morning|afternoon|evening|night)\b")
_PART_BEFORE: Final = re.compile(r"\b(?:(?:the\s+)?(morning|afternoon|evening|night)\s+of|(early|late))\s+(?:on\s+)?$",
                          re.IGNORECASE)


# --- small helpers ----------------------------------------------------------------------


def _which(tag: str) -> str:
    """"this"/"last"/"next" from a tag such as "earlier_this_week"."""
    return tag.split("_")[-2]


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def _valid_day(year: int | None, month: int, day: int) -> bool:
    try:
        date(year or 2000, month, day)  # 2000 is a leap year, so "Feb. 29" passes without a year
    except ValueError:
        return False
    return True


def _prev_word(text: str, pos: int) -> str:
    m = _PREV_WORD.search(text, max(0, pos - 24), pos)
    return m[1] if m else ""


def _resolve(granularity: str, relative: str, weekday: int | None, ref: date) -> tuple[date, date]:
    """Days covered by a relative mention seen from ``ref``; weekdays look back, as news does."""
    if granularity == "day":
        if relative in _DAY_OFFSET:
            d = ref + timedelta(days=_DAY_OFFSET[relative])
            return d, d
        d = ref + timedelta(days=(weekday or 0) - ref.weekday())  # that weekday in ref's ISO week
        if (relative == "weekday" and d > ref) or (relative == "last_weekday" and d >= ref):
            d -= timedelta(weeks=1)
        elif relative == "next_weekday" and d <= ref:
            d += timedelta(weeks=1)
        return d, d
    off = _WHICH_OFFSET[_which(relative)]
    if granularity == "week":
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=off)
        return monday, monday + timedelta(days=6)
    if granularity == "month":
        y, m = divmod(ref.year * 12 + ref.month - 1 + off, 12)
        return _month_bounds(y, m + 1)
    return date(ref.year + off, 1, 1), date(ref.year + off, 12, 31)


def _relative(
    text: str, start: int, end: int, granularity: str, relative: str, weekday: int | None, ref: date | None
) -> DateMention:
    """A relative mention, pinned to the calendar when the article's date is known."""
    if ref is None:
        return DateMention(start, end, text[start:end], granularity, None, None, None, weekday, relative)
    lo, _ = _resolve(granularity, relative, weekday, ref)
    if granularity == "day":
        return DateMention(start, end, text[start:end], "day", lo.year, lo.month, lo.day, lo.weekday(), relative)
    if granularity == "week":
        return DateMention(start, end, text[start:end], "week", lo.year, lo.month, lo.day, None, relative)
    month = lo.month if granularity == "month" else None
    return DateMention(start, end, text[start:end], granularity, lo.year, month, None, None, relative)


# --- one handler per pattern: match -> mention, or None to reject -----------------------


def _on_month_date(m: re.Match[str], text: str, ref: date | None) -> DateMention | None:
    start, end = m.start(), m.end()
    mon = m["mon1"] or m["mon2"]
    if mon:
        month, day = _MONTH_NO[mon[:3]], int(m["d1"] or m["d2"])
        ys = m["y1"] or m["y2"]
        year = int(ys) if ys else None
        if not _valid_day(year, month, day):
            return None
        wd = _WD_NO[m["wd"][:3]] if m["wd"] else (date(year, month, day).weekday() if year else None)
        return DateMention(start, end, text[start:end], "day", year, month, day, wd, "")
    mon = m["mon3"]
    month = _MONTH_NO[mon[:3]]
    if m["y3"]:
        return DateMention(start, end, text[start:end], "month", int(m["y3"]), month, None, None, "")
    if mon not in _MONTH_NAMES:  # a bare abbreviation ("Mar-a-Lago", "Jan.") is never a date
        return None
    if not m["pfx"] and _prev_word(text, start).lower() not in _MONTH_CONTEXT \
            and (mon in ("May", "March") or _CAP_NEXT.match(text, end)):  # modal/verb, or "August Busch"
        return None
    return DateMention(start, end, text[start:end], "month", None, month, None, None, "")


def _on_numeric_date(m: re.Match[str], text: str, ref: date | None) -> DateMention | None:
    if m["iy"]:
        year, month, day = int(m["iy"]), int(m["im"]), int(m["id"])
    else:
        a, b, year = int(m["a"]), int(m["b"]), int(m["sy"])
        if a > 12 >= b or a == b:
            day, month = a, b
        elif b > 12 >= a:
            month, day = a, b
        else:  # "05/01/2025" is 5 January in London and May 1 in New York
            return None
    if not 1 <= month <= 12 or not _valid_day(year, month, day):
        return None
    d = date(year, month, day)
    return DateMention(m.start(), m.end(), text[m.start():m.end()], "day", year, month, day, d.weekday(), "")


def _on_weekday(m: re.Match[str], text: str, ref: date | None) -> DateMention | None:
    pfx = (m["pfx"] or "").lower().split()
    if not pfx and _prev_word(text, m.start()) in _NAME_BEFORE:  # "Black Friday", "The Sun,"
        return None
    nxt = _CAP_WORD_AFTER.match(text, m.end())
    if not pfx and nxt and nxt[1] in _NAME_AFTER:  # "Sunday Times", "Monday Night Football"
        return None
    which = pfx[0] if pfx and pfx[0] in _WHICH_OFFSET else ""
    tag = f"{which}_weekday" if which else "weekday"
    wd = _WD_NO[(m["wd"] or m["wda"])[:3]]
    return _relative(text, m.start(), m.end(), "day", tag, wd, ref)


def _on_rel_day(m: re.Match[str], text: str, ref: date | None) -> DateMention | None:
    if _prev_word(text, m.start()) in _NAME_BEFORE:  # "USA Today"
        return None
    if text[m.start("w")].isupper() and text[:m.start()].strip() and text[:m.start()].rstrip()[-1] not in ".!?\"“":
        return None  # "Today" mid-sentence is a programme: "told the Today show", "NBC's Today"
    w = m["w"].lower()
    tag = "yesterday" if w.startswith(("yesterday", "last")) else "tomorrow" if w == "tomorrow" else "today"
    return _relative(text, m.start(), m.end(), "day", tag, None, ref)


def _on_rel_period(m: re.Match[str], text: str, ref: date | None) -> DateMention | None:
    which, unit = m["which"].lower(), m["unit"].lower()
    mod = (m["mod"] or "").lower()
    tag = f"{mod}_{which}_{unit}" if which == "this" and mod in ("earlier", "later") else f"{which}_{unit}"
    return _relative(text, m.start(), m.end(), unit, tag, None, ref)


def _on_span(m: re.Match[str], text: str, ref: date | None) -> DateMention | None:
    direction = (m["dir"] or "").lower()
    n, plural = m["n"], m["unit"].lower().endswith(("s", "ies"))
    if not (direction or (m["prep"] and n)):  # "two decades" alone is not a period of this story
        return None
    if direction in ("last", "next") and not (m["the"] or n):  # "last year" is a calendar year
        return None
    if direction in ("next", "previous", "preceding") and not (m["prep"] or n):  # "the next day" is a point
        return None
    if plural and not n:  # "the coming weeks" is vague, "over the years" is no span
        return None
    tag = "next_span" if direction in ("next", "coming") else "past_span" if direction else "duration"
    return DateMention(m.start(), m.end(), text[m.start():m.end()], "span", None, None, None, None, tag)


def _on_vague(m: re.Match[str], text: str, ref: date | None) -> DateMention | None:
    tag = "recent" if m["recent"] else "coming"
    return DateMention(m.start(), m.end(), text[m.start():m.end()], "span", None, None, None, None, tag)


def _on_decade(m: re.Match[str], text: str, ref: date | None) -> DateMention | None:
    return DateMention(m.start(), m.end(), m[0], "span", int(m["dec"]), None, None, None, "")


def _on_year(m: re.Match[str], text: str, ref: date | None) -> DateMention | None:
    prep = (m["prep"] or "").lower()
    if not (prep or m["mod"]):  # a bare 4-digit number is more often a count than a year
        return None
    nxt = _NEXT_WORD.match(text, m.end())
    if nxt and nxt[1] not in _YEAR_FOLLOWERS:  # "of 2025 people"
        return None
    start = m.start() if prep == "in" else m.start("mod") if m["mod"] else m.start("y")
    return DateMention(start, m.end(), text[start : m.end()], "year", int(m["y"]), None, None, None, "")


def _on_time(m: re.Match[str], text: str, ref: date | None) -> DateMention | None:
    if (m["h24"] or m["hmil"]) and not m["tz"] and text[max(0, m.start() - 3) : m.start()].lower() != "at ":
        return None  # "15:30" alone could be a score, a ratio or a verse
    return DateMention(m.start(), m.end(), m[0], "time", None, None, None, None, "")


# (pattern, handler, cues, cues are lower-case, the pattern reads the lower-cased text, so its
# handler takes what it shows from the text, never from the match): a rule runs only if one of
# its cues occurs in the sentence. Most sentences carry no date, and a substring test is far
# cheaper than a regex scan (this alone cuts extraction time by three quarters).
_MONTH_CUES: Final = tuple(_MONTH_NO)
_DIGIT_CUES: Final = tuple("0123456789")
_RULES: Final = (
    (_MONTH_DATE, _on_month_date, _MONTH_CUES, False, False),
    (for_lowered_text(_NUMERIC_DATE), _on_numeric_date, ("/", "-"), True, True),
    (_WEEKDAY_RE, _on_weekday, _WD_ABBR, False, False),
    (for_lowered_text(_REL_DAY), _on_rel_day,
     ("today", "tonight", "yesterday", "tomorrow", "night", "morning", "evening", "noon"), True, True),
    (for_lowered_text(_REL_PERIOD), _on_rel_period, ("week", "month", "year"), True, True),
    (for_lowered_text(_SPAN), _on_span, ("hour", "day", "week", "month", "year", "decade", "centur"), True, True),
    (for_lowered_text(_VAGUE), _on_vague, ("recent", "coming"), True, True),
    (_DECADE, _on_decade, ("0s",), True, False),  # "1990S" is no decade: its "s" is case-sensitive
    (for_lowered_text(_YEAR), _on_year, ("19", "20", "2100"), True, True),
    (_TIME, _on_time, (*_DIGIT_CUES, "noon", "midnight"), True, False),
)


def _has_cue(text: str, cues: tuple[str, ...]) -> bool:
    """Whether one of `cues` occurs in `text`: substring tests, which compiled (setup.py, where
    `any` becomes a loop) cost a fraction of a pattern of the cues."""
    return any(cue in text for cue in cues)


@per_sentence
def dates_in(text: str) -> tuple[DateMention, ...]:
    """`extract_dates` without a reference date, remembered: several checks ask of one sentence."""
    return tuple(extract_dates(text))


def extract_dates(text: str, reference: date | None = None) -> list[DateMention]:
    """Date/time mentions in ``text``, in order, never overlapping (leftmost, then longest wins).

    ``reference`` is the article's own date; with it weekdays and relative words become
    calendar dates (a bare weekday is the latest such day on or before it).
    """
    text = as_patterns_read(text)
    lower = text.lower()
    found = [
        mention
        for pattern, handler, cues, cue_in_lower, reads_lower in _RULES
        if _has_cue(lower if cue_in_lower else text, cues)
        for m in pattern.finditer(lower if reads_lower else text)
        if (mention := handler(m, text, reference)) is not None
    ]
    found.sort(key=lambda d: (d.start, -d.end))
    out: list[DateMention] = []
    for mention in found:
        if not out or mention.start >= out[-1].end:
            out.append(_with_part(mention, text, out[-1].end if out else 0))
    return _timed_days(out, text)


_TIME_ON_DAY: Final = re.compile(r"\s+on\s+(?:the\s+)?$|,\s+$")


def _timed_days(mentions: list[DateMention], text: str) -> list[DateMention]:
    """A time of a day is a part of it: "at midnight on Thursday" is Thursday, at midnight."""
    out: list[DateMention] = []
    for m in mentions:
        prev = out[-1] if out else None
        between = text[prev.end:m.start] if prev is not None else ""
        joined = (between.strip() == "" and m.text.lower().startswith("on ")) or bool(_TIME_ON_DAY.search(between))
        if prev is not None and prev.granularity == "time" and m.granularity == "day" and not m.part and joined \
                and len(between) <= 8:
            out[-1] = DateMention(prev.start, m.end, text[prev.start:m.end], "day", m.year, m.month, m.day,
                                  m.weekday, m.relative, prev.normalized)
        else:
            out.append(m)
    return out


def _with_part(m: DateMention, text: str, floor: int) -> DateMention:
    """A day with the part of it the words name: "Tuesday night", "the morning of Sept. 5",
    "early Sunday", "late on Friday afternoon" (a named part wins over early/late)."""
    if m.granularity != "day":
        return m
    start, end, part = m.start, m.end, ""
    low = m.text.lower()
    if low.startswith(("early ", "late ")):
        part = low.split()[0]
    elif before := _PART_BEFORE.search(text, max(floor, start - 24), start):
        start, part = before.start(), (before[1] or before[2]).lower()
    if after := _PART_AFTER.match(text, end):
        end, part = after.end(), after[1].lower()
    if not part:
        return m
    return DateMention(start, end, text[start:end], m.granularity, m.year, m.month, m.day, m.weekday, m.relative, part)


# --- comparison -------------------------------------------------------------------------


def _time_key(text: str) -> str:
    m = _TIME.match(text)
    if m is None:
        return f"T{text[:2]}:{text[2:4]}" if text[:4].isdigit() else text  # "0000" (its cue was outside)
    if m["named"]:
        return "T12:00" if m["named"].lower() == "noon" else "T00:00"
    if m["h24"]:
        return f"T{int(m['h24']):02d}:{m['m24']}"
    if m["hmil"]:
        return f"T{m['hmil']}:{m['mmil']}"
    hour = int(m["h"]) % 12 + (12 if m["ap"][0] in "pP" else 0)
    return f"T{hour:02d}:{m['mi'] or '00'}"


def _span_parts(text: str) -> tuple[int | None, str]:
    """(count, ISO unit) of a duration; count is None for "few"/"several"."""
    m = _SPAN.fullmatch(text)
    if m is None:
        return None, "?"
    letter, mult = _UNITS[m["unit"][:3].lower()]
    if m["n"] is None:
        return mult, letter
    word = " ".join(m["n"].lower().split())
    count = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
    return (count * mult if count is not None else None), letter


def _span_key(text: str, tag: str) -> str:
    count, letter = _span_parts(text)
    n = "?" if count is None else str(count)
    key = f"PT{n}H" if letter == "H" else f"P{n}{letter}"
    return key + {"past_span": ":past", "next_span": ":next"}.get(tag, "")


def _span_relation(a: DateMention, b: DateMention) -> str:
    if {a.relative, b.relative} == {"past_span", "next_span"}:
        return "unrelated"  # the last four years and the next four are different claims
    (na, ua), (nb, ub) = _span_parts(a.text), _span_parts(b.text)
    if na is None or nb is None:
        return "variant"
    da, db = na * _UNIT_DAYS.get(ua, 0), nb * _UNIT_DAYS.get(ub, 0)
    return "same" if abs(da - db) <= 0.1 * max(da, db) else "conflict"


def _interval(m: DateMention) -> tuple[date, date] | None:
    """The days a mention covers, when it is pinned to a year."""
    if m.year is None:
        return None
    g = m.granularity
    if g == "day":
        d = date(m.year, m.month or 1, m.day or 1)
        return d, d
    if g == "week":
        d = date(m.year, m.month or 1, m.day or 1)
        return d, d + timedelta(days=6)
    if g == "month":
        return _month_bounds(m.year, m.month or 1)
    last = m.year + (9 if g == "span" else 0)
    return date(m.year, 1, 1), date(last, 12, 31)


def _compare(a: tuple[date, date], b: tuple[date, date]) -> str:
    if a == b:
        return "same"
    if a[1] < b[0] or b[1] < a[0]:
        return "conflict"
    return "variant"


def _fits(m: DateMention, lo: date, hi: date) -> bool:
    """Whether some day in [lo, hi] has the month, day and weekday ``m`` states."""
    if m.month is None:
        if m.weekday is None or (hi - lo).days >= 6:
            return True
        return any((lo + timedelta(days=i)).weekday() == m.weekday for i in range((hi - lo).days + 1))
    for year in range(lo.year, hi.year + 1):
        if m.day is None:
            first, last = _month_bounds(year, m.month)
            if first <= hi and last >= lo:
                return True
        elif _valid_day(year, m.month, m.day):
            d = date(year, m.month, m.day)
            if lo <= d <= hi and (m.weekday is None or d.weekday() == m.weekday):
                return True
    return False


# Reference dates for comparing two unpinned relative mentions: three weeks across a
# year end cover every weekday and week/month/year boundary.
_SAMPLE_REFS: Final = tuple(date(2024, 12, 23) + timedelta(days=i) for i in range(21))


@lru_cache(maxsize=1024)
def _sampled(a: tuple[str, str, int | None], b: tuple[str, str, int | None]) -> str:
    """Relation of two relative mentions read from the same (unknown) day."""
    outcomes = {_compare(_resolve(*a, ref), _resolve(*b, ref)) for ref in _SAMPLE_REFS}
    return outcomes.pop() if len(outcomes) == 1 else "variant"


@lru_cache(maxsize=65536)
def relation(a: DateMention, b: DateMention) -> str:
    """"same", "variant" (one refines or may include the other), "conflict" or "unrelated".

    Both mentions are assumed to describe one event, so "on Thursday" vs "on Tuesday" is a
    conflict even without a reference date: sources on one story share the same week.
    """
    if a.normalized == b.normalized:
        return "same"
    if a.relative in _VAGUE_TAGS or b.relative in _VAGUE_TAGS:
        return "variant"
    ta, tb = a.granularity == "time", b.granularity == "time"
    if ta or tb:
        if not (ta and tb):
            return "unrelated"
        return "conflict" if _zone(a.text) == _zone(b.text) else "unrelated"  # 7 p.m. local is 1100 GMT
    if a.part or b.part:
        day = relation(_whole_day(a), _whole_day(b))
        if day != "same":
            return day
        times = a.part.startswith("T") and b.part.startswith("T")
        named = {a.part, b.part} <= set(_PARTS)
        return "conflict" if (named or times) and a.part and b.part and a.part != b.part else "variant"
    da = a.granularity == "span" and a.year is None
    db = b.granularity == "span" and b.year is None
    if da or db:
        return _span_relation(a, b) if da and db else "unrelated"
    ia, ib = _interval(a), _interval(b)
    if ia and ib:
        return _compare(ia, ib)
    both_days = a.granularity == b.granularity == "day"
    for pinned, other in ((ia, b), (ib, a)):  # one pinned to the calendar, the other not
        if pinned is not None:
            if not _fits(other, *pinned):
                return "conflict"
            # "Wednesday, March 3" is the day "March 3, 2021" names, written without the year; "last
            # year" may well be 2023: without the article's date, nothing says they differ
            return "same" if a.granularity == b.granularity else "variant"
    if a.relative and b.relative:
        return _sampled((a.granularity, a.relative, a.weekday), (b.granularity, b.relative, b.weekday))
    for x, y in ((a.month, b.month), (a.day, b.day), (a.weekday, b.weekday)):
        if x is not None and y is not None and x != y:
            return "conflict"
    return "same" if (both_days and not (a.relative or b.relative)) or (both_days and (
        (a.relative == "weekday" and b.weekday is None)
        or (b.relative == "weekday" and a.weekday is None))) else "variant"


def _whole_day(m: DateMention) -> DateMention:
    return DateMention(m.start, m.end, m.text, m.granularity, m.year, m.month, m.day, m.weekday, m.relative)


_ZONE: Final = re.compile(rf"{_TZ}|local\s+time", re.IGNORECASE)


def _zone(text: str) -> str:
    m = _ZONE.search(text)
    return m.group().upper() if m else ""
