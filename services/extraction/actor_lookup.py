"""Kept for modules that import `lookup_actor` from here; the door is services.actors."""

from services.actors import lookup_actor

__all__ = ["lookup_actor"]
