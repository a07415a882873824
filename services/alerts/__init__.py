"""Alert service: alerts and subscriptions in Redis, signed webhooks, Apprise and a live stream."""
