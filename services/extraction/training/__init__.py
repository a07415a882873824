"""The project's own annotated examples (see build.py); training data, never a held-out fold."""
