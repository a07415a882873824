"""Web dashboard: static pages and their read helpers, mounted by the alert service."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
