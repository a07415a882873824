"""The sources service: polls RSS and Atom feeds, fetches each new item's page once, extracts the
article and publishes it to `articles` exactly as ingest does."""
