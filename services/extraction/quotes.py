"""Direct-quote regions of a text: where double quotes open and close, across sentences."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

_OPEN, _CLOSE, _STRAIGHT = "“", "”", '"'


@dataclass(frozen=True)
class QuoteRegion:
    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark (or the paragraph end)


class Quotes:
    """Quote regions of one text; single quotes are left out (apostrophes, scare quotes)."""

    def __init__(self, text: str) -> None:
        self.regions = find_regions(text)
        self._starts = [r.start for r in self.regions]

    def region_at(self, offset: int) -> QuoteRegion | None:
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and self.regions[i].start <= offset < self.regions[i].end:
            return self.regions[i]
        return None

    def inside(self, offset: int) -> bool:
        return self.region_at(offset) is not None

    def overlapping(self, start: int, end: int) -> list[QuoteRegion]:
        """The regions that overlap [start, end), found by bisection (regions never overlap)."""
        first = max(0, bisect_right(self._starts, start) - 1)
        last = bisect_right(self._starts, end)
        return [r for r in self.regions[first:last] if r.start < end and r.end > start]

    def unquoted(self, text: str, start: int) -> str:
        """`text` (found at `start`) with its quoted characters blanked."""
        chars = list(text)
        for r in self.overlapping(start, start + len(text)):
            lo, hi = max(r.start, start) - start, min(r.end, start + len(text)) - start
            chars[lo:hi] = " " * (hi - lo)
        return "".join(chars)

    def quoted_share(self, start: int, end: int) -> float:
        """How much of [start, end) lies inside quotes (0..1)."""
        if end <= start:
            return 0.0
        covered = sum(min(end, r.end) - max(start, r.start) for r in self.overlapping(start, end))
        return covered / (end - start)


def find_regions(text: str) -> list[QuoteRegion]:
    regions: list[QuoteRegion] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n" and open_at is not None:
            # a quote left open at a paragraph end continues in the next paragraph by
            # convention, which opens again with its own mark: close it here
            regions.append(QuoteRegion(open_at, i))
            open_at = None
        elif ch == _OPEN or (ch == _STRAIGHT and open_at is None):
            if open_at is None:
                open_at = i
        elif ch in (_CLOSE, _STRAIGHT) and open_at is not None:
            regions.append(QuoteRegion(open_at, i + 1))
            open_at = None
    if open_at is not None:
        regions.append(QuoteRegion(open_at, len(text)))
    return regions
