"""The alert service's HTTP side: the API, its routes, auth, the live stream, the dashboard."""
