"""Helpers shared by test folders (import as `support.<module>`)."""
