"""The Faust app is wired from settings: topic names, partitions, the table, one agent per step."""

from __future__ import annotations

from schemas.articles import Article
from schemas.claims import Claim
from services.common.settings import KafkaSettings, TopicSettings
from services.stream.app import TABLE_NAME, create_app
from services.stream.settings import FaustSettings, Settings


def no_claims(article: Article) -> list[Claim]:
    return []


def test_app_uses_the_configured_names_and_keeps_one_message_in_flight_per_agent() -> None:
    settings = Settings(
        kafka=KafkaSettings(bootstrap_servers="127.0.0.1:1,127.0.0.1:2"),
        topics=TopicSettings(
            articles="arts-x",
            claims="claims-x",
            alerts="alerts-x",
            dead_letters="dl-x",
            partitions=3,
        ),
        faust=FaustSettings(app_id="group-x", rebalance_timeout_s=2.5),
    )
    app = create_app(settings, extract=no_claims)
    assert app.conf.id == "group-x"
    assert [str(u) for u in app.conf.broker] == ["kafka://127.0.0.1:1", "kafka://127.0.0.1:2"]
    assert app.conf.broker_rebalance_timeout == 2.5
    assert app.conf.topic_partitions == 3
    agents = {a.name.rsplit(".", 1)[-1]: a for a in app.agents.values()}
    assert set(agents) == {"extract_claims", "spot_new_claims"}
    assert {
        agents["extract_claims"].channel.get_topic_name(),
        agents["spot_new_claims"].channel.get_topic_name(),
    } == {"arts-x", "claims-x"}
    assert all(a.concurrency == 1 for a in agents.values())
    table = app.tables[TABLE_NAME]
    assert table.partitions == 3
    assert table.changelog_topic.get_topic_name() == f"group-x-{TABLE_NAME}-changelog"
    # Claims held in the reorder buffer are also decided from a timer, outside stream events:
    # the table's changelog partition comes from its key (the actor), like `claims`.
    assert table.use_partitioner
    assert app.conf.web_enabled is False
