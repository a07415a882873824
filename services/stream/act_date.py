"""On which day a reported act happened, as far as its sentence says (pure).

News dates acts relative to the article: "said on Thursday", "on Friday, March 8", "yesterday".
Two reports of one person that say the act happened on days far apart are two acts (a
statement, then a testimony ten days later), however alike their words. Dates after the
article's own day name what was announced ("the levy starts on May 20"), not when it was
said, and are ignored.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Month names count only capitalised: "may 5" is a modal verb and a number.
_MONTH = (
    r"(?P<month>" + "|".join(n.title() for n in sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>\d{4}))?"
# "June 2", "June 2, 2019", "2 June", "2nd of June 2019".
_EXPLICIT = (
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b{_YEAR}"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b{_YEAR}"),
)
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(yesterday|today|tonight|this morning)\b", re.IGNORECASE)
# Acts on days this far apart are different acts; one day is slack for time zones and for
# outlets that date the same act by their own calendar.
SAME_DAY_SLACK = timedelta(days=1)


def act_date(sentence: str, published: date | None) -> date | None:
    """The day the sentence says its act happened, resolved against the article's day.

    Without the article's day nothing relative can be resolved, and None is returned, as it is
    when the sentence names no day or only days after the article's (plans, deadlines).
    """
    if published is None:
        return None
    found: list[tuple[int, date]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _EXPLICIT:
        for m in pattern.finditer(sentence):
            day = _explicit(m, published)
            taken.append(m.span())
            if day is not None:
                found.append((m.start(), day))
    for m in _WEEKDAY.finditer(sentence):
        if any(m.end() <= start <= m.end() + 2 for start, _ in taken):
            continue  # "Friday, March 8": the explicit date says it
        back = (published.weekday() - _WEEKDAYS.index(m.group(1).lower())) % 7
        found.append((m.start(), published - timedelta(days=back)))
    for m in _RELATIVE.finditer(sentence):
        back = 1 if m.group(1).lower() == "yesterday" else 0
        found.append((m.start(), published - timedelta(days=back)))
    past = [(pos, day) for pos, day in found if day <= published + SAME_DAY_SLACK]
    return min(past)[1] if past else None


def different_days(a: date | None, b: date | None) -> bool:
    """Whether two acts are known to have happened on days too far apart to be one act."""
    return bool(a and b and abs(a - b) > SAME_DAY_SLACK)


def after_reported(day: date | None, reported: date | None) -> bool:
    """Whether an act on `day` happened after an act first reported on `reported`: then it is
    another act, whatever the first one's own sentences said of its day."""
    return bool(day and reported and day > reported + SAME_DAY_SLACK)


def _explicit(m: re.Match[str], published: date) -> date | None:
    month = _MONTHS[m.group("month").lower()]
    year = int(m.group("year")) if m.group("year") else published.year
    try:
        day = date(year, month, int(m.group("day")))
    except ValueError:
        return None
    if not m.group("year") and day > published + timedelta(days=180):
        day = day.replace(year=year - 1)  # "on December 30" in a January article
    return day
