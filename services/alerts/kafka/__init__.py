"""The alert service's Kafka side: consumers of `alerts`, `articles` and `claims`, their loops
and readiness."""
