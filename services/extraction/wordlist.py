"""Word lists written as one string: easier to read and to edit than a column of quoted words."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`."""
    return frozenset(text.split())
