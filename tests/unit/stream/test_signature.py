"""A claim's matter folds actor names the way the actors package resolves them."""

from __future__ import annotations

from services.stream.signature import terms


def test_metonyms_and_demonyms_of_the_knowledge_base_fold_to_the_actor() -> None:
    # "Elysee" and "Tehran" are not in the stream's own word list: the actors package knows them
    assert terms("the Elysee said") == terms("France said")
    assert terms("Nairobi rejected it") == terms("Kenyan rejected it") == {"kenya"}


def test_an_actor_name_of_the_speaker_is_dropped_from_the_matter() -> None:
    assert terms("the Kremlin denied sending drones", drop=["Russia"]) == terms("sent drones")
