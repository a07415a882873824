"""Helpers shared by every test folder; import them by package path, `tests.support.<module>`.

- factories: claims, alerts, articles and subscriptions with sensible defaults.
- alert_fakes: complete in-memory fakes of the alert service's ports (mypy checks them).
- ingest_fakes: a fake article publisher for ingest's API.
- polling: `eventually`, the one way to wait for something asynchronous.
- clock: `FakeTime`, a clock that moves only when the code under test sleeps.
- alerts_support: the alert service against the real Kafka and Redis (integration tests).
- fault_stack, fault_support, fault_corpus: whole services as processes, for fault tests.
- feed_site: a local news site serving feeds and article pages.
"""
