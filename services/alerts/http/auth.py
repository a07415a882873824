"""API-key checks: management always needs the key; reading needs it when configured."""

from __future__ import annotations

import secrets

from fastapi import HTTPException, Request, Security, status
from fastapi.security import APIKeyHeader

from services.alerts.components import Components
from services.alerts.settings import Settings

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)


def _check(request: Request, given: str | None) -> None:
    settings: Settings = request.app.state.settings
    expected = settings.api_key.get_secret_value().encode()
    # compare_digest: the time taken says nothing about how much of the key matched.
    if not given or not secrets.compare_digest(given.encode(), expected):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail="missing or wrong X-API-Key",
            headers={"WWW-Authenticate": "ApiKey"},
        )


def require_key(request: Request, given: str | None = Security(api_key_header)) -> None:
    _check(request, given)


def require_read(request: Request, given: str | None = Security(api_key_header)) -> None:
    if request.app.state.settings.read_requires_key:
        _check(request, given)


def components(request: Request) -> Components:
    found: Components = request.app.state.components
    return found
