"""Ingest: articles from HTTP and files, validated, onto the `articles` topic."""
