"""Hostile bodies at the ingest API: each is refused with a clear 4xx, or accepted intact."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest
from hostile_fakes import RecordingPublisher, always_ready

from schemas.articles import MAX_TEXT_CHARS
from services.ingest.api import create_app
from services.ingest.settings import Settings

DEPTH = 100_000
LIMIT = Settings().max_body_bytes  # the real default, not a test-sized one
KEY = "hostile-test-key"


@pytest.fixture
def publisher() -> RecordingPublisher:
    return RecordingPublisher()


@pytest.fixture
async def api(publisher: RecordingPublisher) -> AsyncIterator[httpx.AsyncClient]:
    # The language check is off here: this file checks that bytes arrive intact, in any script;
    # what happens to articles not in English is tested in tests/unit/ingest/test_language.py.
    app = create_app(
        Settings(api_key=KEY, language_check=False), publisher, ready_check=always_ready
    )
    # raise_app_exceptions=False: an unhandled error must show up as the 500 a client gets.
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    headers = {"X-API-Key": KEY}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://ingest", headers=headers
    ) as client:
        yield client


async def post(api: httpx.AsyncClient, body: bytes) -> httpx.Response:
    return await api.post("/articles", content=body, headers={"content-type": "application/json"})


def article(text: str, **fields: str) -> bytes:
    return json.dumps({"title": "Hostile", "text": text, **fields}).encode()


DEEP_ARRAYS = b"[" * DEPTH + b"]" * DEPTH
DEEP_OBJECTS = b'{"a":' * DEPTH + b"1" + b"}" * DEPTH


@pytest.mark.parametrize(
    ("body", "says"),
    [
        pytest.param(DEEP_ARRAYS, "invalid JSON", id="100k-nested-arrays"),
        pytest.param(DEEP_OBJECTS, "invalid JSON", id="100k-nested-objects"),
        pytest.param(b"[" * DEPTH, "invalid JSON", id="100k-unclosed-arrays"),
        pytest.param(
            b'{"text": "Words.", "title": ' + DEEP_ARRAYS + b"}", "invalid JSON", id="deep-field"
        ),
        pytest.param(b'{"text": ' + b"7" * 5000 + b"}", "invalid JSON", id="5000-digit-number"),
        pytest.param(bytes(range(256)) * 64, "invalid JSON", id="binary"),
        pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(200), "invalid JSON", id="png-header"),
        pytest.param(b'{"text": "caf\xe9 \xff\xfe"}', "utf-8", id="latin-1-in-utf-8"),
        pytest.param(b'{"text": "\xc3\x28 broken"}', "utf-8", id="truncated-utf-8"),
        pytest.param(b'{"text": "\\ud800 lone surrogate"}', "text", id="lone-surrogate"),
        pytest.param(b"", "invalid JSON", id="empty-body"),
        pytest.param(b"   \n\t ", "invalid JSON", id="whitespace-body"),
        pytest.param(b"null", "expected an article object", id="null"),
        pytest.param(b"[]", "batch is empty", id="empty-batch"),
        pytest.param(b"{}", "text", id="empty-object"),
        pytest.param(article(""), "text is empty", id="empty-text"),
        pytest.param(article(" \n\t\u00a0 "), "text is empty", id="blank-text"),
        pytest.param(article("a\x00b"), "NUL", id="nul-in-text"),
        pytest.param(article("x" * (MAX_TEXT_CHARS + 1)), "text", id="text-over-limit"),
        pytest.param(article("ok", title="t" * 1001), "title", id="title-over-limit"),
    ],
)
async def test_hostile_body_is_refused_with_a_reason(
    api: httpx.AsyncClient, publisher: RecordingPublisher, body: bytes, says: str
) -> None:
    response = await post(api, body)
    assert 400 <= response.status_code < 500, f"{response.status_code}: {response.text[:300]}"
    error = response.json()["error"]
    assert says.casefold() in error.casefold(), error
    assert publisher.sent == []


async def test_body_one_byte_over_the_limit_is_413_with_or_without_a_length(
    api: httpx.AsyncClient, publisher: RecordingPublisher
) -> None:
    body = article("Words.").ljust(LIMIT + 1)  # trailing whitespace is still valid JSON

    async def chunked() -> AsyncIterator[bytes]:
        for start in range(0, len(body), 64 * 1024):
            yield body[start : start + 64 * 1024]

    declared = await post(api, body)
    streamed = await api.post(
        "/articles", content=chunked(), headers={"content-type": "application/json"}
    )
    for response in (declared, streamed):
        assert response.status_code == 413
        assert f"exceeds {LIMIT} bytes" in response.json()["error"]
    assert publisher.sent == []


async def test_body_exactly_at_the_limit_is_accepted(
    api: httpx.AsyncClient, publisher: RecordingPublisher
) -> None:
    body = article("Words.").ljust(LIMIT)
    response = await post(api, body)
    assert response.status_code == 202, response.text
    assert [a.text for a in publisher.sent] == ["Words."]


async def test_longest_article_in_four_byte_characters_fits_the_body_limit(
    api: httpx.AsyncClient, publisher: RecordingPublisher
) -> None:
    """200k emoji, sent the way json.dumps does (\\uXXXX pairs): the limits agree."""
    text = "😀" * MAX_TEXT_CHARS
    body = article(text)
    assert len(body) <= LIMIT
    response = await post(api, body)
    assert response.status_code == 202, response.text[:300]
    assert publisher.sent[0].text == text


THOUSANDS = " ".join(f"Sentence number {i} says the ministry denied it." for i in range(5000))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "<html><body><p>The <b>ministry</b> denied it.</p>"
            "<script>fetch('http://127.0.0.1/')</script>&lt;b&gt;&amp;</body></html>",
            id="html",
        ),
        pytest.param("外交部发言人否认了这一报道，并警告称将采取反制措施。", id="chinese"),
        pytest.param("نفى المتحدث باسم الوزارة التقرير وحذر من العواقب.", id="arabic"),
        pytest.param("Министр опроверг сообщения и предупредил о последствиях.", id="russian"),
        pytest.param("\u202eevil\u202c \u200b\ufeff zero width and bidi controls", id="controls"),
        pytest.param(THOUSANDS[:MAX_TEXT_CHARS], id="thousands-of-sentences"),
    ],
)
async def test_unusual_but_valid_text_is_accepted_byte_for_byte(
    api: httpx.AsyncClient, publisher: RecordingPublisher, text: str
) -> None:
    response = await post(api, article(text))
    assert response.status_code == 202, response.text[:300]
    [stored] = publisher.sent
    assert stored.text == text  # no sanitising, no normalising: the evidence spans depend on it
