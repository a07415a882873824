"""Articles written for the fault tests from templates: six actors, their denials and warnings."""

from __future__ import annotations

from pathlib import Path

# (actor as written, spokesperson, their role) — each article introduces its speaker in full,
# so no article depends on what the extractor remembered from an earlier one (a restarted
# worker forgets).
ACTORS = [
    ("Norway", "Ingrid Solberg", "a spokeswoman for Norway's foreign ministry"),
    ("Brazil", "Paulo Mendes", "Brazil's defence minister"),
    ("Japan", "Kenji Watanabe", "the chief spokesman of Japan's cabinet"),
    ("Turkey", "Emre Yildiz", "a spokesman for Turkey's foreign ministry"),
    ("Canada", "Claire Dubois", "Canada's foreign minister"),
    ("Egypt", "Omar Farouk", "a spokesman for Egypt's foreign ministry"),
]
# What each actor is accused of, and what it warns about; a later article repeats an earlier
# act in other words, so the stream sees new alerts and further reports of them.
DENIED = [
    "sending warships to the disputed strait",
    "selling drones to the rebel militia",
    "secretly funding the opposition party",
]
WARNED = [
    "new sanctions would be answered in kind",
    "any strike on its embassy would bring a firm response",
]
DENIAL_FORMS = [
    "{speaker}, {role}, denied on {day} that {actor} had been {act}.",
    "{actor} rejected reports of {act}, {speaker}, {role}, said on {day}.",
    "{speaker}, {role}, dismissed claims that {actor} was {act} as baseless.",
]
WARNING_FORMS = [
    "{speaker}, {role}, warned on {day} that {act}.",
    "{actor} warned that {act}, according to {speaker}, {role}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
FILLER = [
    "Talks between the two governments are expected to resume next month in Geneva.",
    "Markets in the region were calm on the news, traders said.",
    "Diplomats from several countries met late into the night to discuss the crisis.",
]


def article_text(i: int) -> str:
    actor, speaker, role = ACTORS[i % len(ACTORS)]
    day = DAYS[i % len(DAYS)]
    denied = DENIED[(i // len(ACTORS)) % len(DENIED)]
    warned = WARNED[(i // (2 * len(ACTORS))) % len(WARNED)]
    deny = DENIAL_FORMS[(i // 3) % len(DENIAL_FORMS)]
    warn = WARNING_FORMS[(i // 5) % len(WARNING_FORMS)]
    fields = {"speaker": speaker, "role": role, "actor": actor, "day": day}
    body = [
        f"Tensions over the region rose again this week, officials in {actor} said.",
        deny.format(act=denied, **fields),
        FILLER[i % len(FILLER)],
    ]
    if i % 2 == 0:
        body.append(warn.format(act=warned, **fields))
    title = f"{actor} responds to reports, dispatch {i:03d}"
    return "\n\n".join([title, *body, "Source: Claimwatch Test Wire"]) + "\n"


def write_corpus(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"dispatch-{i:03d}.txt"
        path.write_text(article_text(i))
        paths.append(path)
    return paths
