"""Fixtures for the ingest unit tests."""

from __future__ import annotations

import pytest

from tests.support.ingest_fakes import FakePublisher


@pytest.fixture
def publisher() -> FakePublisher:
    return FakePublisher()
