"""The alert service's Redis adapters and the ports they implement: alerts, subscriptions,
articles, deliveries, and the key layout."""
