"""Dates as the papers write them → ISO 8601.

Forms: `21 December 1988`, `18 May, 1989.`, `2 Jan 89`, `December 21, 1988`,
UK numeric `12/11/80`, annotation dates with a roman month `21/xii` (the year
comes from the document), and telegram date-time groups `212130Z DEC 88`.
Two-digit years pivot at 50: `89` is 1989, `16` is 2016.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
ROMAN_MONTHS = {r: n for n, r in enumerate(["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"], start=1)}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY_MONTH_YEAR = re.compile(r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4}|\d{2})\b", re.IGNORECASE)
MONTH_DAY_YEAR = re.compile(r"\b" + _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.IGNORECASE)
NUMERIC = re.compile(r"(?<![\d/.])(?P<day>[0-3]?\d)(?P<sep>[/.])(?P<month>[01]?\d)(?P=sep)(?P<year>\d{4}|\d{2})(?![\d/]|\.\d)")
ROMAN = re.compile(
    r"(?<![\w/.])(?P<day>[0-3]?\d)(?P<sep>[/.-])(?P<month>xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i)"
    r"(?:(?P=sep)(?P<year>\d{4}|\d{2}))?(?![\w/])\.?",
    re.IGNORECASE,
)
#: the short dates annotators write by their initials: `15/6`, `8/12/88`, `3.iv.85`, `30/xii`, `1-x-84`
SHORT = re.compile(
    r"^(?P<day>[0-3]?\d)(?P<sep>[/.-])(?P<month>[01]?\d|xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i)"
    r"(?:(?P=sep)(?P<year>\d{4}|\d{2}))?\.?$",
    re.IGNORECASE,
)
#: how far (in years) a date may lie from the rest of its folder before it is no date of it
PLAUSIBLE_YEARS = 8
DTG = re.compile(r"\b(?P<day>[0-3]\d)(?P<hour>[0-2]\d)(?P<minute>[0-5]\d)Z\s+" + _MONTH + r"\s+(?P<year>\d{2}|\d{4})\b", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    """A date found in text: where it is, what it says, and its ISO form."""

    start: int
    end: int
    text: str
    when: str
    kind: str  # "date", "numeric", "roman" (year from context) or "dtg"


def _year(text: str) -> int:
    value = int(text)
    if len(text) == 4:
        return value
    return 1900 + value if value >= 50 else 2000 + value


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str, year: int | None = None) -> list[FoundDate]:
    """All dates in a text, in order, not overlapping. Roman-month dates need `year`."""
    found: list[FoundDate] = []

    def add(match: re.Match[str], when: str | None, kind: str) -> None:
        if when and not any(f.start < match.end() and match.start() < f.end for f in found):
            found.append(FoundDate(match.start(), match.end(), match.group(0), when, kind))

    for match in DTG.finditer(text):
        day = _iso(_year(match["year"]), MONTHS[match["month"].lower()], int(match["day"]))
        hour, minute = int(match["hour"]), int(match["minute"])
        add(match, f"{day}T{hour:02d}:{minute:02d}:00Z" if day and hour < 24 else None, "dtg")
    for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR):
        for match in pattern.finditer(text):
            add(match, _iso(_year(match["year"]), MONTHS[match["month"].lower()], int(match["day"])), "date")
    for match in NUMERIC.finditer(text):
        add(match, _iso(_year(match["year"]), int(match["month"]), int(match["day"])), "numeric")
    for match in ROMAN.finditer(text):
        written = _year(match["year"]) if match["year"] else year
        if written is not None:
            add(match, _iso(written, ROMAN_MONTHS[match["month"].lower()], int(match["day"])), "roman")
    return sorted(found, key=lambda f: f.start)


def short_date(text: str, year: int | None) -> str | None:
    """The ISO value of an annotator's short date (`15/6`, `3.iv.85`), the year from context when it
    has none. None when it is no date, or its year lies
    far from the context's (`MO 8/2/13` is a file reference, not 8 February 2013), or when it has no
    year and the context gives none."""
    match = SHORT.match(text.strip())
    if not match:
        return None
    month_text = match["month"].lower()
    month = ROMAN_MONTHS.get(month_text) or (int(month_text) if month_text.isdigit() else 0)
    day = int(match["day"])
    if match["year"]:
        written = _year(match["year"])
        if year is not None and abs(written - year) > PLAUSIBLE_YEARS:
            return None
        return _iso(written, month, day)
    if year is None:
        return None  # no year from context: the date stays as written
    return _iso(year, month, day)


def whole_date(text: str) -> FoundDate | None:
    """The date when a text is nothing but a date (surrounding punctuation allowed)."""
    stripped = text.strip().strip(".,;:()[]")
    dates = find_dates(stripped)
    if len(dates) == 1 and dates[0].start == 0 and dates[0].end == len(stripped):
        return dates[0]
    return None
