"""people.json: well-known office holders, their dated offices, and what the check rejects."""

from __future__ import annotations

import json
import shutil
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from services.actors import office_of, person_named
from services.actors.check import check_folder
from services.actors.people import read_people

ACTORS = {"Ruritania", "Freedonia", "Acme Union"}


def people(*entries: dict[str, object]) -> str:
    return json.dumps({"people": list(entries)}, indent=1)


def person(name: str, *offices: dict[str, str], **extra: object) -> dict[str, object]:
    return {"name": name, "offices": list(offices), **extra}


def office(actor: str, start: str, end: str | None = None) -> dict[str, str]:
    found = {"office": "President", "actor": actor, "from": start}
    return {**found, "to": end} if end else found


def problems_of(text: str, taken: set[str] | None = None) -> list[str]:
    return read_people(text, ACTORS, taken or set())[1]


def test_an_office_is_held_from_its_first_day_until_the_day_it_ends() -> None:
    text = people(
        person(
            "Ann Roe",
            office("Ruritania", "2010-01-20", "2014-01-20"),
            office("Acme Union", "2016-05-01"),
            aliases=["Roe"],
        )
    )
    found, problems = read_people(text, ACTORS, set())
    assert problems == []
    roe = found.named("roe")
    assert roe is not None and roe.name == "Ann Roe"

    def actor(day: date | None) -> str | None:
        held = roe.office_on(day)
        return held.actor if held is not None else None

    assert actor(date(2010, 1, 20)) == "Ruritania"
    assert actor(date(2014, 1, 19)) == "Ruritania"
    assert actor(date(2014, 1, 20)) is None  # between offices: she speaks for herself
    assert actor(date(2020, 1, 1)) == "Acme Union"
    assert actor(None) == "Acme Union"  # no date: the office held today (open-ended)


def test_a_middle_name_the_file_does_not_list_still_finds_the_person() -> None:
    found, _ = read_people(people(person("Ann Roe", office("Ruritania", "2010-01-01"))), ACTORS, ())
    assert found.named("Ann Mary Roe") is not None
    assert found.named("Tom Roe") is None  # another Roe is nobody the file knows


def test_unknown_fields_unknown_actors_and_bad_dates_are_named() -> None:
    bad = people(
        person("Ann Roe", office("Atlantis", "2010-01-01"), alias=["Roe"]),
        person("Tom Lee", {"office": "Premier", "actor": "Ruritania", "from": "2010-13-01"}),
        person("Eva Sund", office("Freedonia", "2012-01-01", "2011-01-01")),
        person("Ivo Marr", {"office": "Envoy", "actor": "Freedonia", "from": "2001", "to": 2}),
        person("Dan Oyo", {**office("Freedonia", "2001-01-01"), "title": "x"}),
    )
    problems = problems_of(bad)
    assert any('Ann Roe: unknown field "alias"' in p for p in problems)
    assert any("Ann Roe: offices[0]: unknown actor 'Atlantis'" in p for p in problems)
    assert any('Tom Lee: offices[0]: "from" must be a date' in p for p in problems)
    assert any('Eva Sund: offices[0]: "to" (2011-01-01) is not after "from"' in p for p in problems)
    assert any('Ivo Marr: offices[0]: "from" must be a date' in p for p in problems)
    assert any('Ivo Marr: offices[0]: "to" must be a date' in p for p in problems)
    assert any('Dan Oyo: offices[0]: unknown field "title"' in p for p in problems)
    assert all(p.startswith("people.json:") for p in problems)


def test_overlapping_offices_are_rejected_and_a_person_needs_one() -> None:
    overlapping = person(
        "Ann Roe",
        office("Ruritania", "2010-01-01", "2015-01-01"),
        office("Freedonia", "2014-06-01"),
    )
    open_then_later = person(
        "Tom Lee", office("Ruritania", "2010-01-01"), office("Freedonia", "2014-06-01")
    )
    problems = problems_of(people(overlapping, open_then_later, person("Eva Sund")))
    assert any("Ann Roe: offices overlap" in p for p in problems)
    assert any("Tom Lee: offices overlap" in p for p in problems)
    assert any('Eva Sund: "offices" must be a non-empty list' in p for p in problems)


def test_a_name_shared_by_two_people_or_with_an_actor_is_rejected() -> None:
    text = people(
        person("Ann Roe", office("Ruritania", "2010-01-01"), aliases=["Roe"]),
        person("Tom Roe", office("Freedonia", "2010-01-01"), aliases=["Roe"]),
        person("Eva Sund", office("Freedonia", "2010-01-01"), aliases=["Eva Súnd"]),
        person("Kremlin", office("Freedonia", "2010-01-01")),
    )
    problems = problems_of(text, taken={"kremlin"})
    assert any("Tom Roe: name 'Roe' is used also by Ann Roe" in p for p in problems)
    # accents, dots and case do not tell names apart
    assert any("Eva Sund: name 'Eva Súnd' is used twice" in p for p in problems)
    assert any("Kremlin: name 'Kremlin' is already an actor's name" in p for p in problems)


def test_a_file_that_is_not_a_people_list_is_reported() -> None:
    assert problems_of('{"persons": []}') == [
        'people.json:1: expected an object with a "people" list'
    ]
    assert problems_of('{"people": [')[0].startswith("people.json:1:")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "actors-data"
    shutil.copytree(str(resources.files("services.actors").joinpath("data")), folder)
    return folder


def test_check_validates_an_edited_people_file_against_the_other_files(data: Path) -> None:
    path = data / "people.json"
    entries = json.loads(path.read_text(encoding="utf-8"))
    entries["people"].append(person("Ann Roe", office("Ruritania", "2010-01-01")))
    text = json.dumps(entries, indent=1, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if '"Ann Roe"' in t)
    assert check_folder(data) == [
        f"people.json:{line}: Ann Roe: offices[0]: unknown actor 'Ruritania' "
        "(an actor's canonical name)"
    ]
    path.unlink()
    assert check_folder(data) == [f"people.json: missing (expected in {data})"]


def test_the_shipped_file_places_office_holders_by_date() -> None:
    assert office_of("Trump", date(2019, 5, 30)).actor == "United States"  # type: ignore[union-attr]
    assert office_of("Donald J. Trump", date(2022, 6, 1)) is None
    assert office_of("Mark Rutte", date(2020, 1, 1)).actor == "Netherlands"  # type: ignore[union-attr]
    assert office_of("Mark Rutte", None).actor == "NATO"  # type: ignore[union-attr]
    assert office_of("Sergey Lavrov", date(2022, 3, 1)).actor == "Russia"  # type: ignore[union-attr]
    assert person_named("Ivanka Trump") is None
