"""schemas/json/ matches the models: regenerate with `claimwatch schemas` after a change."""

from __future__ import annotations

import json

import pytest

from schemas.export import MODELS, SCHEMA_DIR, render_all

RENDERED = render_all()


@pytest.mark.parametrize("filename", sorted(RENDERED))
def test_exported_schema_file_is_current(filename: str) -> None:
    path = SCHEMA_DIR / filename
    assert path.is_file(), f"missing {path}: run `claimwatch schemas`"
    assert path.read_text(encoding="utf-8") == RENDERED[filename], (
        f"{path} is stale: run `claimwatch schemas`"
    )


def test_no_schema_file_without_a_model() -> None:
    on_disk = {p.name for p in SCHEMA_DIR.glob("*.schema.json")}
    assert on_disk == set(RENDERED)
    assert len(RENDERED) == len(MODELS)


def test_alert_event_schema_is_a_discriminated_union() -> None:
    schema = json.loads(RENDERED["AlertEvent.schema.json"])
    assert schema["discriminator"]["propertyName"] == "kind"
    assert set(schema["discriminator"]["mapping"]) == {"raised", "source_attached", "revised"}
