"""Validate a folder of actors data files: each problem names its file and line (or key)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from services.actors.knowledge import (
    ACTOR_FILES,
    ALIAS_FIELDS,
    NOT_ACTORS_FILE,
    PREFERENCES_FILE,
    ROLES_FILE,
    build_knowledge,
    package_data,
    read_roles,
)
from services.actors.people import PEOPLE_FILE

LIST_FIELDS = (*ALIAS_FIELDS, "ambiguous", "case_sensitive", "capital_variants")
TEXT_FIELDS = ("parent", "status", "type", "iso2", "capital")
FILES = (*ACTOR_FILES, PREFERENCES_FILE, NOT_ACTORS_FILE, ROLES_FILE, PEOPLE_FILE)


def check_folder(folder: Path | None = None) -> list[str]:
    """Problems in the data files of `folder` (the shipped ones when None); empty when valid."""
    texts: dict[str, str] = {}
    problems: list[str] = []
    for name in FILES:
        if folder is None:
            texts[name] = package_data(name)
        elif (folder / name).is_file():
            texts[name] = (folder / name).read_text(encoding="utf-8")
        else:
            problems.append(f"{name}: missing (expected in {folder})")
    if problems:
        return problems
    parsed: dict[str, Any] = {}
    for name, text in texts.items():
        if name.endswith(".json"):
            try:
                parsed[name] = json.loads(text)
            except json.JSONDecodeError as exc:
                problems.append(f"{name}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}")
    for name in ACTOR_FILES:
        if name in parsed:
            problems += _check_actor_file(name, parsed[name], texts[name])
    if PREFERENCES_FILE in parsed:
        problems += _check_mapping(PREFERENCES_FILE, parsed[PREFERENCES_FILE], "preferred")
    if NOT_ACTORS_FILE in parsed:
        problems += _check_phrases(NOT_ACTORS_FILE, parsed[NOT_ACTORS_FILE])
    read_roles(texts[ROLES_FILE], problems)
    if problems:
        return problems  # the cross-file checks below need well-formed files
    return list(build_knowledge(texts.__getitem__).problems)


def _line_of(text: str, name: str) -> int:
    """The line where an entry's "name" is written, for messages a user can jump to."""
    match = re.search(r'"name"\s*:\s*' + re.escape(json.dumps(name)), text)
    return text.count("\n", 0, match.start()) + 1 if match else 0


def _check_actor_file(file: str, data: Any, text: str) -> list[str]:
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        return [f'{file}:1: expected an object with an "actors" list']
    problems: list[str] = []
    for n, entry in enumerate(data["actors"]):
        if not isinstance(entry, dict):
            problems.append(f"{file}: actors[{n}]: expected an object")
            continue
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(f'{file}: actors[{n}]: "name" must be a non-empty string')
            continue
        where = f"{file}:{_line_of(text, name)}: {name}"
        for key, value in entry.items():
            if key in LIST_FIELDS:
                if not isinstance(value, list) or not all(
                    isinstance(v, str) and v.strip() for v in value
                ):
                    problems.append(f'{where}: "{key}" must be a list of non-empty strings')
            elif key in TEXT_FIELDS:
                if not isinstance(value, str):
                    problems.append(f'{where}: "{key}" must be a string')
            elif key != "name" and not key.startswith("_"):
                known = ", ".join(("name", *LIST_FIELDS, *TEXT_FIELDS))
                problems.append(f'{where}: unknown field "{key}" (known: {known})')
    return problems


def _check_mapping(file: str, data: Any, key: str) -> list[str]:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        return [f'{file}:1: expected an object with "{key}": {{alias: actor name}}']
    return []


def _check_phrases(file: str, data: Any) -> list[str]:
    value = data.get("phrases") if isinstance(data, dict) else None
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        return [f'{file}:1: expected an object with "phrases": [non-empty strings]']
    return []
