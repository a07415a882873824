"""Subscription matching: any alias of an actor, its spokespeople, people by name, filters."""

from __future__ import annotations

from schemas.alerts import AlertSource, SourceAttached
from schemas.claims import ClaimType, Span
from services.alerts.matching import canonical_name, live_filter, matching
from tests.support.factories import make_alert, raised, resolve, subscription


def test_alias_resolves_to_the_canonical_actor() -> None:
    assert canonical_name("  Kremlin ", resolve) == "Russia"
    assert canonical_name("Zhao  Lijian", resolve) == "Zhao Lijian"


def test_following_by_alias_matches_the_actor() -> None:
    for name in ("Kremlin", "Moscow", "Russia"):
        assert matching([subscription(name)], raised(), resolve), name
    assert matching([subscription("Beijing")], raised(), resolve) == []


def test_following_a_country_brings_its_spokespeople() -> None:
    event = raised(actor="China", speaker="Zhao Lijian", alert_id="al_2")
    assert matching([subscription("China")], event, resolve)
    assert matching([subscription("Beijing")], event, resolve)


def test_following_a_person_matches_them_as_speaker_only() -> None:
    zhao = subscription("Zhao Lijian")
    assert matching([zhao], raised(actor="China", speaker="Zhao Lijian"), resolve)
    assert matching([zhao], raised(actor="China", speaker="Wang Yi"), resolve) == []


def test_types_default_to_denial_and_warning() -> None:
    sub = subscription("Russia")
    assert matching([sub], raised(type=ClaimType.WARNING), resolve)
    assert matching([sub], raised(type=ClaimType.ACCUSATION), resolve) == []
    only_warnings = subscription("Russia", types=[ClaimType.WARNING])
    assert matching([only_warnings], raised(type=ClaimType.DENIAL), resolve) == []


def test_min_confidence_and_keywords() -> None:
    assert matching([subscription("Russia", min_confidence=0.95)], raised(), resolve) == []
    assert matching([subscription("Russia", keywords=["MILITARY"])], raised(), resolve)
    assert (
        matching([subscription("Russia", keywords=["sanctions", "grain"])], raised(), resolve) == []
    )


def test_further_reports_only_for_subscriptions_that_asked() -> None:
    alert = make_alert()
    sentence = "Moscow again denied seeking military equipment from China."
    attached = SourceAttached(
        alert_id=alert.alert_id,
        actor="Russia",
        type=ClaimType.DENIAL,
        source=AlertSource(article_id="art_2", speaker="Dmitry Peskov", sentence=sentence,
                           span=Span(start=0, end=len(sentence))),
    )  # fmt: skip
    quiet, updates = subscription("Russia"), subscription("Kremlin", include_updates=True)
    assert matching([quiet, updates], attached, resolve, alert=alert) == [updates]
    assert matching([updates], attached, resolve, alert=None) == []


def test_live_filter_uses_the_same_rules() -> None:
    accept = live_filter("Moscow", resolve)
    assert accept("Russia", "Dmitry Peskov")
    assert not accept("China", "Zhao Lijian")
    assert live_filter("Zhao Lijian", resolve)("China", "Zhao Lijian")
    assert live_filter(None, resolve)("Anyone", "Anybody")


def test_the_actors_knowledge_base_drives_alias_matching() -> None:
    from services.actors import resolve_actor

    for name in ("Kremlin", "Moscow"):
        assert matching([subscription(name)], raised(), resolve_actor), name
    assert canonical_name("Kremlin", resolve_actor) == "Russia"
