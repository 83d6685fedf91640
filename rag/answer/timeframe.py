"""News has dates: answers can be kept to a date range, keep to the time a question names relative to
the day it is asked ("this week"), and prefer the time it names or, for "latest"/"now"/"so far", the
newest articles.

An article's date is its `Published:` (or `Date:`) head line, or its HTML/PDF/Word metadata. A range
(`since`/`until`) is a filter: nothing outside it is retrieved. So is a time relative to the day of
asking: "this week" asked on 8 August reads the articles of 1–8 August (an undated article stays in:
nothing shows it is older), and the articles of another year's week do not answer it. A time named
in the question ("in March 2020", "in 2024") and recency words only reorder what retrieval found:
evidence from that time, or the newest of the strong candidates, comes first; relevance still decides
among the rest.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from index.loader import published_of

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from index.manifest import Manifest
    from rag.answer.retrieve import RetrievedChunk

MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name} | {
    name.lower(): n for n, name in enumerate(calendar.month_abbr) if name
}
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
NUMERIC_DATE = re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
WRITTEN_DATE = re.compile(rf"\b(?:(\d{{1,2}})\s+)?({MONTH_NAMES})\.?\s+(?:(\d{{1,2}}),?\s+)?(\d{{4}})\b", re.IGNORECASE)
NAMED_TIME = re.compile(
    rf"\b(?:in|during|since|from|of|on)\s+(?:(?:early|late|mid)[- ])?(?:({MONTH_NAMES})\s+)?((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
RECENCY = re.compile(  # not "today's teens": a possessive names people of our time, not the newest news;
    # not the newspaper "USA Today" (nor "FLORIDA TODAY": a word in capitals is a name's, _recency_words)
    r"(?<!\bUSA\s)\b(latest|newest|most recent(?:ly)?|now|currently|current|so far|to date|as of (?:now|today)|today|"
    r"still|at present|presently|these days)\b(?!['\u2019]s\b)",
    re.IGNORECASE,
)
DAYS_BACK = {  # how far before the day of asking the news of a relative time is published
    "yesterday": 1,
    "this weekend": 3,
    "this week": 7,
    "this past week": 7,
    "the past week": 7,
    "last week": 14,
    "this month": 31,
    "this past month": 31,
    "the past month": 31,
    "last month": 62,
}
_RELATIVE_PHRASES = [p.replace(" ", r"\s+") for p in sorted([*DAYS_BACK, "this year"], key=len, reverse=True)]
RELATIVE_TIME = re.compile(rf"\b({'|'.join(_RELATIVE_PHRASES)})\b", re.IGNORECASE)  # "this year": since 1 January
STRONG_SHARE = 0.5  # "newest first" reorders only candidates at least this close to the best one


@dataclass(frozen=True)
class TimeFrame:
    since: date | None = None  # articles published before are left out
    until: date | None = None  # ... and after
    named: tuple[date, date] | None = None  # a time the question names: its articles first
    newest: bool = False  # "latest", "now", "so far": the newest strong candidates first
    relative: tuple[date, date] | None = None  # "this week" from the day of asking: dated articles outside are left out

    @property
    def filters(self) -> bool:
        return self.since is not None or self.until is not None or self.relative is not None

    def admits(self, published: date | None) -> bool:
        start, end = self.relative or (date.min, date.max)
        if published is not None and not start <= published <= end:
            return False
        if self.since is None and self.until is None:
            return True
        if published is None:
            return False  # an undated article cannot be shown to fall in the range
        return (self.since is None or published >= self.since) and (self.until is None or published <= self.until)


ANY_TIME = TimeFrame()


def time_frame(
    question: str, since: date | None = None, until: date | None = None, asked_on: date | None = None
) -> TimeFrame:
    """What the request and the question say about time; `asked_on` is the day "this week" is counted
    from (none: relative times are not read)."""
    newest = bool(_recency_words(question))
    return TimeFrame(since, until, named_window(question), newest, relative_window(question, asked_on))


def relative_window(question: str, asked_on: date | None) -> tuple[date, date] | None:
    """ "this week" asked on 2025-08-08 -> 2025-08-01 to 2025-08-08; "this year" -> since 1 January.
    The day of asking is in: a report of yesterday's news is today's."""
    if asked_on is None or (match := RELATIVE_TIME.search(question)) is None:
        return None
    phrase = " ".join(match.group(1).lower().split())
    if phrase == "this year":
        return date(asked_on.year, 1, 1), asked_on
    return asked_on - timedelta(days=DAYS_BACK[phrase]), asked_on


def searched(query: str, frame: TimeFrame) -> str:
    """The query without its recency words: "latest" says which articles to prefer, it is not a word
    the evidence has to contain."""
    if not frame.newest:
        return query
    for word in reversed(_recency_words(query)):
        query = query[: word.start()] + " " + query[word.end() :]
    return _tidy(query)


def _recency_words(question: str) -> list[re.Match[str]]:
    """Its words that ask for the newest news, but for a name's ("FLORIDA TODAY", "NOW")."""
    return [m for m in RECENCY.finditer(question) if not (m.group().isupper() and len(m.group()) > 2)]


def without_named_time(query: str) -> str:
    """ "What did Valmora open in June 2023?" -> "What did Valmora open?": for when the time names
    the articles' date rather than something their text says ("plan to merge in 2024")."""
    return _tidy(NAMED_TIME.sub(" ", query))


def mentions_named_time(query: str, texts: Sequence[str]) -> bool:
    """Whether any text says the time the query names (its year, and its month when it has one)."""
    match = NAMED_TIME.search(query)
    if not match:
        return False
    month = match.group(1)
    return any(
        match.group(2) in text and (month is None or re.search(rf"\b{month}", text, re.IGNORECASE)) for text in texts
    )


def _tidy(query: str) -> str:
    return re.sub(r"\s+([?.!,;:])", r"\1", " ".join(query.split()))


def named_window(question: str) -> tuple[date, date] | None:
    """ "in March 2020" -> March 2020; "in 2024" -> the year 2024."""
    match = NAMED_TIME.search(question)
    if not match:
        return None
    year = int(match.group(2))
    if match.group(1):
        month = MONTHS[match.group(1).lower()]
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 1, 1), date(year, 12, 31)


def parse_date(value: str) -> date | None:
    """ "2020/03/16", "2025-01-10T08:00:00Z", "March 16, 2020", "16 March 2020" -> a date."""
    if match := NUMERIC_DATE.search(value):
        return _date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if match := WRITTEN_DATE.search(value):
        day = match.group(1) or match.group(3) or "1"
        return _date(int(match.group(4)), MONTHS[match.group(2).lower()], int(day))
    if match := re.fullmatch(r"\s*(\d{4})\s*", value):
        return _date(int(match.group(1)), 1, 1)
    return None


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def article_dates(manifest: Manifest) -> dict[str, date]:
    """Each dated article's publication date."""
    dates = {}
    for source, entry in manifest.files.items():
        raw = published_of(entry.metadata)
        if (when := parse_date(raw)) is not None:
            dates[source] = when
    return dates


def admitted_chunks(manifest: Manifest, frame: TimeFrame, dates: Mapping[str, date]) -> frozenset[str] | None:
    """The chunk ids a date range lets through (None: no range, everything)."""
    if not frame.filters:
        return None
    return frozenset(
        cid for source, entry in manifest.files.items() if frame.admits(dates.get(source)) for cid in entry.chunk_ids
    )


def arrange(chunks: Sequence[RetrievedChunk], frame: TimeFrame, dates: Mapping[str, date]) -> list[RetrievedChunk]:
    """Retrieved chunks with the named time's articles first, or the newest strong ones first."""
    ordered = list(chunks)
    if frame.named is not None:
        start, end = frame.named
        inside = [c for c in ordered if (d := dates.get(c.source)) is not None and start <= d <= end]
        if inside:
            ordered = inside + [c for c in ordered if c not in inside]
    if frame.newest and ordered:
        best = max(c.fused for c in ordered)
        strong = [c for c in ordered if c.fused >= STRONG_SHARE * best]
        strong.sort(key=lambda c: dates.get(c.source) or date.min, reverse=True)
        ordered = strong + [c for c in ordered if c not in strong]
    return ordered
