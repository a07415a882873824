"""The sources service's /docs, like ingest's and the alert service's, works offline."""

from __future__ import annotations

import re

import httpx

from services.sources.api import create_app
from services.sources.settings import Settings


async def test_docs_reference_no_remote_asset_and_their_assets_are_served() -> None:
    app = create_app(Settings(api_key="k"))  # no lifespan: the docs need no Kafka or Redis
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://sources") as api:
        page = (await api.get("/docs")).text
        assets = re.findall(r"""(?:src|href)=["']?([^"' >]+)""", page)
        assert assets, page
        assert not [a for a in assets if "//" in a], f"remote assets in /docs: {assets}"
        for asset in assets:
            assert (await api.get(asset)).status_code == 200, asset
        # The feeds API is documented with its key.
        schema = (await api.get("/openapi.json")).json()
        assert "APIKeyHeader" in schema["components"]["securitySchemes"]
