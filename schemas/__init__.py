"""Pydantic models that cross process boundaries; no I/O here."""
