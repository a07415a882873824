"""Property tests of the ingest API from its OpenAPI schema: no 5xx, every refusal says why.

Schemathesis generates requests that fit the published schema (positive) and requests that
break it (negative), against the in-process app with a recording publisher.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from hostile_fakes import RecordingPublisher, always_ready
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from services.ingest.api import create_app
from services.ingest.settings import Settings

MAX_BATCH = 5
# Rules the JSON schema cannot express: a schema-valid request may still be refused for these.
RULES_BEYOND_THE_SCHEMA = ("text is empty", "NUL characters", f"exceeds the limit of {MAX_BATCH}")
# Bounded so the whole file runs in seconds; the cases differ on every run (no example database).
BOUNDED = settings(
    max_examples=150,
    deadline=None,
    database=None,
    # Generated bodies are large and slow-ish on purpose; that is what we want to send.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def explains_itself(status: int, body: Any) -> list[str]:
    """What is wrong with a 4xx body: it must say why, and name each field at fault."""
    problems = []
    if not isinstance(body, dict) or not isinstance(body.get("error"), str):
        return [f"{status} body has no 'error' string: {body!r}"]
    error: str = body["error"]
    if not error.strip():
        problems.append(f"{status} with an empty error")
    for item in body.get("detail") or []:
        if not item.get("msg"):
            problems.append(f"detail without msg: {item!r}")
        fields = [p for p in item.get("loc", []) if isinstance(p, str) and p != "body"]
        if fields and fields[-1] not in error:
            problems.append(f"error {error!r} does not name the field {fields[-1]!r}")
    return problems


def _articles_in(body: Any) -> int:
    return len(body) if isinstance(body, list) else 1


def make_schema() -> tuple[schemathesis.BaseSchema, RecordingPublisher]:
    publisher = RecordingPublisher()
    app = create_app(
        # Open writes and no language check: generated bodies test the schema's rules only
        # (the key and the language outcome have tests of their own).
        Settings(
            max_body_bytes=256 * 1024, max_batch=MAX_BATCH, open_writes=True, language_check=False
        ),
        publisher,
        ready_check=always_ready,
    )
    return schemathesis.openapi.from_asgi("/openapi.json", app), publisher


SCHEMA, PUBLISHER = make_schema()


@BOUNDED
@given(
    case=st.one_of(
        SCHEMA.as_strategy(GenerationMode.POSITIVE), SCHEMA.as_strategy(GenerationMode.NEGATIVE)
    )
)
def test_generated_requests_never_get_a_5xx_and_every_refusal_says_why(
    case: schemathesis.Case,
) -> None:
    before = len(PUBLISHER.sent)
    response = case.call()
    assert response.status_code < 500, f"{response.status_code} for {case.body!r}: {response.text}"
    if case.operation.path != "/articles":
        return
    published = PUBLISHER.sent[before:]
    body = response.json()
    if response.status_code == 202:
        assert body["count"] == len(published) == _articles_in(case.body)
        assert body["ids"] == [a.id for a in published]
        return
    assert 400 <= response.status_code < 500
    assert published == [], "a refused request published something"
    assert explains_itself(response.status_code, body) == []


@BOUNDED
@given(case=SCHEMA["/articles"]["POST"].as_strategy(GenerationMode.POSITIVE))
def test_requests_that_fit_the_schema_are_refused_only_for_documented_rules(
    case: schemathesis.Case,
) -> None:
    """The published schema is what clients build against: it must not promise too much."""
    response = case.call()
    if response.status_code == 202:
        return
    body = response.json()
    reasons = [d["msg"] for d in body.get("detail") or []] or [body["error"]]
    undocumented = [r for r in reasons if not any(rule in r for rule in RULES_BEYOND_THE_SCHEMA)]
    assert undocumented == [], f"schema-valid body {case.body!r} refused: {body}"


def test_explains_itself_catches_a_silent_refusal() -> None:
    """The checker above must be able to fail, or the property tests prove nothing."""
    assert explains_itself(422, {"detail": []})
    assert explains_itself(422, {"error": " "})
    named = {"loc": ["body", "text"], "msg": "Field required", "type": "missing"}
    assert explains_itself(422, {"error": "something is wrong", "detail": [named]})
    assert explains_itself(422, {"error": "text: Field required", "detail": [named]}) == []
