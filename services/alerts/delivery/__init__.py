"""Delivering notifications: the worker, signed webhooks, Apprise channels, retry backoff."""
