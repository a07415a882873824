"""Novelty decisions on made-up claims: new acts, further reports, and what bounds the memory."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from schemas.claims import Claim, ClaimType, Span
from services.stream.novelty import (
    AttachSource,
    Decision,
    RaiseAlert,
    RecentAct,
    decide,
    remember,
)
from services.stream.reports import alert_id

T0 = datetime(2031, 5, 4, 9, 0, tzinfo=UTC)


def claim(
    sentence: str,
    *,
    article: str = "a1",
    actor: str = "Norway",
    speaker: str = "Norwegian Foreign Ministry",
    type: ClaimType = ClaimType.DENIAL,
    content: str | None = None,
    target: str | None = None,
    start: int = 0,
) -> Claim:
    return Claim(
        article_id=article,
        type=type,
        speaker=speaker,
        actor=actor,
        target=target,
        content=content if content is not None else sentence,
        sentence=sentence,
        span=Span(field="text", start=start, end=start + len(sentence)),
        cue="denied",
        confidence=0.9,
    )


class Stream:
    """Feeds claims through decide/remember the way the table-backed agent does."""

    def __init__(self, window: timedelta = timedelta(days=14), max_acts: int = 64) -> None:
        self.state: dict[str, list[RecentAct]] = {}
        self.window, self.max_acts = window, max_acts

    def feed(self, c: Claim, when: datetime = T0, context: str = "") -> Decision:
        recent = self.state.get(c.actor, [])
        d = decide(c, recent, now=when, window=self.window, context=context)
        if not d.repeat:
            self.state[c.actor] = remember(
                recent, d, now=when, window=self.window, max_acts=self.max_acts
            )
        return d


FIRST = "Norway denied it had sold patrol boats to the junta."


def test_first_report_raises_an_alert() -> None:
    d = Stream().feed(claim(FIRST))
    assert isinstance(d, RaiseAlert)
    assert d.alert_id == alert_id(claim(FIRST))


def test_redelivered_claim_gives_the_same_alert_again_not_a_new_one() -> None:
    s = Stream()
    first = s.feed(claim(FIRST))
    again = s.feed(claim(FIRST))
    assert isinstance(again, RaiseAlert) and again.repeat
    assert again.alert_id == first.alert_id and again.source_id == first.source_id


def test_redelivered_further_report_attaches_with_the_same_source_id() -> None:
    s = Stream()
    s.feed(claim(FIRST))
    later = claim("Oslo says no patrol boats were sold to the junta.", article="a2")
    once, twice = s.feed(later), s.feed(later)
    assert isinstance(once, AttachSource) and not once.repeat
    assert isinstance(twice, AttachSource) and twice.repeat
    assert twice.source_id == once.source_id and twice.act.n_sources == once.act.n_sources


def test_paraphrase_in_another_article_attaches_source_instead_of_alerting() -> None:
    s = Stream()
    first = s.feed(claim(FIRST))
    para = claim(
        "The government in Oslo has not supplied any vessels to the military rulers, "
        "said a spokesman.",
        article="a2",
        speaker="spokesman",
        content="has not supplied any vessels to the military rulers; no boats sold to the junta",
    )
    d = s.feed(para, T0 + timedelta(hours=5))
    assert isinstance(d, AttachSource)
    assert d.alert_id == first.alert_id and d.act.n_sources == 2


def test_synonyms_fold_help_and_aid_and_seek_and_ask() -> None:
    s = Stream()
    first = s.feed(
        claim("The ministry denied it had sought financial help from the fund.", speaker="ministry")
    )
    d = s.feed(
        claim(
            "Norway has not asked the fund for economic aid, an official said.",
            article="a2",
            speaker="official",
        )
    )
    assert isinstance(d, AttachSource) and d.alert_id == first.alert_id


def test_contentless_answer_attaches_to_the_latest_act_of_that_actor_and_type() -> None:
    s = Stream()
    s.feed(claim("Norway denied plans to close its embassy in the capital."), T0)
    latest = s.feed(claim(FIRST, article="a2"), T0 + timedelta(hours=1))
    d = s.feed(
        claim(
            "Asked about it, the minister said: 'No.'",
            article="a3",
            speaker="Ola Nordmann",
            content="No.",
        ),
        T0 + timedelta(hours=2),
    )
    assert isinstance(d, AttachSource) and d.alert_id == latest.alert_id


def test_denial_about_another_matter_is_a_new_alert() -> None:
    s = Stream()
    first = s.feed(claim(FIRST))
    other = s.feed(
        claim("Norway denied that its fishing fleet crossed into disputed waters.", article="a2")
    )
    assert isinstance(other, RaiseAlert) and other.alert_id != first.alert_id


def test_warning_is_never_the_same_act_as_a_denial() -> None:
    s = Stream()
    s.feed(claim(FIRST))
    w = s.feed(claim(FIRST, article="a2", type=ClaimType.WARNING))
    assert isinstance(w, RaiseAlert)


def test_same_words_from_another_actor_are_a_new_alert() -> None:
    s = Stream()
    s.feed(claim(FIRST))
    d = s.feed(claim(FIRST.replace("Norway", "Sweden"), actor="Sweden", speaker="Sweden"))
    assert isinstance(d, RaiseAlert)


def test_report_outside_the_window_is_a_new_alert() -> None:
    s = Stream(window=timedelta(days=14))
    first = s.feed(claim(FIRST), T0)
    late = s.feed(claim(FIRST, article="a2"), T0 + timedelta(days=15))
    assert isinstance(late, RaiseAlert) and late.alert_id != first.alert_id
    inside = Stream(window=timedelta(days=14))
    inside.feed(claim(FIRST), T0)
    d = inside.feed(claim(FIRST, article="a2"), T0 + timedelta(days=13))
    assert isinstance(d, AttachSource)


def test_quote_running_on_in_one_article_is_one_act() -> None:
    s = Stream()
    kw = {"type": ClaimType.WARNING, "actor": "Iceland", "speaker": "Katrin Jonsdottir"}
    first = s.feed(claim("'The ash cloud will reach the coast by night,' Jonsdottir said.", **kw))
    d = s.feed(claim("'Nobody should drive east of the river.'", start=80, **kw))
    assert isinstance(d, AttachSource) and d.alert_id == first.alert_id


def test_different_speaker_of_one_actor_in_one_article_with_another_matter_is_new() -> None:
    s = Stream()
    kw = {"type": ClaimType.WARNING, "actor": "Iceland"}
    s.feed(claim("The agency warned the ash cloud will reach the coast.", speaker="agency", **kw))
    d = s.feed(
        claim(
            "A senator warned that tariffs on fish exports would ruin harbours.",
            speaker="Gunnar Olafsson",
            start=90,
            **kw,
        )
    )
    assert isinstance(d, RaiseAlert)


def test_different_targets_are_different_acts_unless_the_matter_is_plainly_shared() -> None:
    s = Stream()
    s.feed(claim("Norway denied selling boats to Sweden.", target="Sweden"))
    d = s.feed(claim("Norway denied selling boats to Finland.", article="a2", target="Finland"))
    assert isinstance(d, RaiseAlert)
    s.feed(
        claim(
            "Norway denied that its coastguard fired shots at the Finnish trawler.",
            article="a3",
            target="Finland",
        )
    )
    d = s.feed(
        claim(
            "Norway denied its coastguard fired warning shots near the trawler.",
            article="a4",
            target="Sweden",
        )
    )
    assert isinstance(d, AttachSource)


def test_one_speaker_in_one_article_stays_one_act_whatever_each_sentence_targets() -> None:
    s = Stream()
    kw = {"type": ClaimType.WARNING, "actor": "Iceland", "speaker": "Katrin Jonsdottir"}
    first = s.feed(claim("Jonsdottir warned Norway against new whaling.", target="Norway", **kw))
    d = s.feed(claim("'No country will be allowed to hunt there.'", start=60, target="Japan", **kw))
    assert isinstance(d, AttachSource) and d.alert_id == first.alert_id


def test_headline_context_joins_reports_whose_sentences_share_no_words() -> None:
    s = Stream()
    first = s.feed(
        claim(
            "He said he 'utterly rejects' them and would help the inquiry.",
            actor="Jon Berg",
            speaker="Jon Berg",
        ),
        context="Councillor Jon Berg: bribery claims over harbour contract",
    )
    d = s.feed(
        claim(
            "Councillor denies taking bribes over harbour contract",
            article="a2",
            actor="Jon Berg",
            speaker="Jon Berg",
        ),
        context="Councillor denies taking bribes over harbour contract",
    )
    assert isinstance(d, AttachSource) and d.alert_id == first.alert_id


def test_memory_is_bounded_in_size_keeping_the_most_recent_acts() -> None:
    s = Stream(max_acts=3)
    topics = ["whaling quotas", "embassy closure", "oil licences", "salmon farms", "ferry tolls"]
    for i, topic in enumerate(topics):
        when = T0 + timedelta(hours=i)
        s.feed(claim(f"Norway denied changes to {topic}.", article=f"a{i}"), when)
    acts = s.state["Norway"]
    assert len(acts) == 3
    assert [a.last_seen for a in acts] == sorted(a.last_seen for a in acts)
    assert "whale" not in " ".join(t for a in acts for t in a.terms)


def test_memory_forgets_acts_older_than_the_window() -> None:
    s = Stream(window=timedelta(days=2))
    s.feed(claim(FIRST), T0)
    s.feed(claim("Norway denied closing the embassy.", article="a2"), T0 + timedelta(days=3))
    assert len(s.state["Norway"]) == 1


def test_alert_id_derives_from_the_act_not_from_time_or_order_of_runs() -> None:
    c = claim(FIRST)
    one = Stream().feed(c, T0)
    two = Stream().feed(c, T0 + timedelta(days=100))
    assert one.alert_id == two.alert_id == alert_id(c)
    assert alert_id(claim(FIRST, start=10)) != alert_id(c)
    assert alert_id(claim(FIRST, actor="Sweden")) != alert_id(c)


def test_naive_article_dates_are_read_as_utc() -> None:
    s = Stream()
    s.feed(claim(FIRST), datetime(2031, 5, 4))
    assert isinstance(s.feed(claim(FIRST, article="a2"), T0), AttachSource)


def test_dated_reports_are_compared_by_article_date_not_by_when_they_were_replayed() -> None:
    s = Stream()
    d1 = datetime(2019, 1, 1, tzinfo=UTC)
    recent = s.state.setdefault("Norway", [])
    first = decide(claim(FIRST), recent, now=T0, published=d1)
    s.state["Norway"] = remember(recent, first, now=T0, published=d1)
    # Replayed a minute later, but dated three weeks after the first report: a new act.
    later = decide(
        claim(FIRST, article="a2"),
        s.state["Norway"],
        now=T0 + timedelta(minutes=1),
        published=d1 + timedelta(days=21),
    )
    assert isinstance(later, RaiseAlert)
    same_week = decide(
        claim(FIRST, article="a3"),
        s.state["Norway"],
        now=T0 + timedelta(minutes=2),
        published=d1 + timedelta(days=6),
    )
    assert isinstance(same_week, AttachSource)


def test_undated_report_is_compared_by_when_it_was_seen() -> None:
    s = Stream()
    recent: list[RecentAct] = []
    first = decide(claim(FIRST), recent, now=T0, published=datetime(2019, 1, 1, tzinfo=UTC))
    state = remember(recent, first, now=T0, published=datetime(2019, 1, 1, tzinfo=UTC))
    d = decide(claim(FIRST, article="a2"), state, now=T0 + timedelta(hours=1), published=None)
    assert isinstance(d, AttachSource)
    assert s.state == {}


def test_one_spokeswoman_denying_two_matters_in_two_articles_is_two_acts() -> None:
    # Her description ("a spokeswoman for Chile's foreign ministry", the weekday) is in every
    # sentence and headline: words about who spoke and when name no matter.
    s = Stream()
    who = "Ana Ruiz, a spokeswoman for Chile's foreign ministry"
    first = s.feed(
        claim(
            f"{who}, denied on Monday that Chile had sent troops to the border.",
            actor="Chile",
            speaker="Ana Ruiz",
            content="Chile had sent troops to the border",
        ),
        context="Chile responds to reports on Monday",
    )
    second = s.feed(
        claim(
            f"{who}, denied on Tuesday that Chile was buying fighter jets from abroad.",
            article="a2",
            actor="Chile",
            speaker="Ana Ruiz",
            content="Chile was buying fighter jets from abroad",
        ),
        context="Chile responds to reports on Tuesday",
    )
    assert isinstance(second, RaiseAlert) and second.alert_id != first.alert_id


def test_one_speaker_on_days_far_apart_makes_two_acts_even_in_one_article() -> None:
    # A statement, then a hearing ten days later: the same denial in the same words, but the
    # sentences date them apart. An undated headline still joins the earlier act.
    kw = {"actor": "Omar Lind", "speaker": "Omar Lind"}
    monday = datetime(2031, 4, 14, tzinfo=UTC)
    first = decide(
        claim("Omar Lind said on Monday he never took the bribe.", **kw),
        [],
        now=T0,
        published=monday,
    )
    state = remember([], first, now=T0, published=monday)
    friday = datetime(2031, 4, 25, tzinfo=UTC)
    headline = decide(
        claim("Lind denies taking the bribe", article="a2", **kw),
        state,
        now=T0,
        published=friday,
    )
    assert isinstance(headline, AttachSource) and headline.alert_id == first.alert_id
    state = remember(state, headline, now=T0, published=friday)
    hearing = decide(
        claim(
            "At the hearing on Thursday Lind said he never took the bribe.",
            article="a2",
            start=40,
            **kw,
        ),
        state,
        now=T0,
        published=friday,
    )
    assert isinstance(hearing, RaiseAlert) and hearing.alert_id != first.alert_id
    assert hearing.act.day == datetime(2031, 4, 24).date()


def test_a_speaker_who_also_denies_something_else_makes_a_further_act() -> None:
    s = Stream()
    kw = {"actor": "Omar Lind", "speaker": "Omar Lind"}
    first = s.feed(claim("Omar Lind denied taking a bribe from the harbour contractor.", **kw))
    run_on = s.feed(claim("'I never took a cent,' Lind said.", start=70, **kw))
    assert isinstance(run_on, AttachSource) and run_on.alert_id == first.alert_id
    further = s.feed(claim("He also denies lying to the auditors.", start=120, **kw))
    assert isinstance(further, RaiseAlert) and further.alert_id != first.alert_id


def test_also_after_another_partys_act_is_no_further_act_of_this_actor() -> None:
    # "Ruritania also brushed the accounts aside": the first report of Ruritania's act in this
    # article compares it with another party's, and joins the act another outlet reported
    s = Stream()
    kw = {"actor": "Ruritania", "speaker": "Ruritania"}
    headline = "Ruritania dismisses accounts of arms request from Wexland"
    first = s.feed(
        claim("Ruritania dismissed the accounts of an arms request as lies.", **kw),
        context=headline,
    )
    also = s.feed(
        claim("Ruritania also brushed the accounts aside.", article="a2", **kw),
        context="Wexland denies asking Ruritania for arms; " + headline,
    )
    assert isinstance(also, AttachSource) and also.alert_id == first.alert_id


def test_a_further_report_that_names_the_same_matter_still_joins_its_act() -> None:
    s = Stream()
    kw = {"type": ClaimType.WARNING, "actor": "Iceland", "speaker": "Icelandic Met Office"}
    first = s.feed(claim("The Met Office warned the ash cloud will close the eastern roads.", **kw))
    also = s.feed(
        claim(
            "The office also warned that ash could close roads in the east by night.",
            start=90,
            **kw,
        )
    )
    assert isinstance(also, AttachSource) and also.alert_id == first.alert_id


def test_a_speaker_written_two_ways_that_the_actors_base_knows_is_one_speaker() -> None:
    # "CDC" and "Centers for Disease Control" are one speaker to the knowledge base: their
    # sentences in one article are one statement, even when the second names no matter of the
    # first.
    s = Stream()
    kw = {"type": ClaimType.WARNING, "actor": "Centers for Disease Control and Prevention"}
    first = s.feed(
        claim("The CDC warned against eating raw oysters from the bay.", speaker="CDC", **kw)
    )
    second = s.feed(
        claim(
            "'Symptoms can take a week to show,' the Centers for Disease Control said.",
            speaker="Centers for Disease Control",
            start=80,
            **kw,
        )
    )
    assert isinstance(second, AttachSource) and second.alert_id == first.alert_id
    assert second.reason == "same speaker, same article"


def test_a_plea_in_court_and_a_denial_in_public_are_two_acts() -> None:
    s = Stream()
    kw = {"actor": "Omar Lind", "speaker": "Omar Lind"}
    plea = s.feed(claim("Omar Lind pleaded not guilty to bribery charges.", **kw))
    again = s.feed(
        claim("Lind pleaded not guilty to the bribery charges in court.", article="a2", **kw)
    )
    assert isinstance(again, AttachSource) and again.alert_id == plea.alert_id
    public = s.feed(
        claim("Lind denies all the bribery allegations against him.", article="a2", start=90, **kw)
    )
    assert isinstance(public, RaiseAlert) and public.alert_id != plea.alert_id


def test_a_statement_and_words_to_a_named_senator_are_two_acts() -> None:
    s = Stream()
    kw = {"actor": "Omar Lind", "speaker": "Omar Lind"}
    first = s.feed(claim("In a statement, Lind said the bribery claim is false.", **kw))
    run_on = s.feed(claim("'I never took money from anyone,' he said.", start=60, **kw))
    assert isinstance(run_on, AttachSource) and run_on.alert_id == first.alert_id
    told = s.feed(claim("Lind told Senator Ada Brandt he never took the money.", start=120, **kw))
    assert isinstance(told, RaiseAlert) and told.alert_id != first.alert_id


def test_an_act_dated_after_an_undated_act_was_reported_is_another_act() -> None:
    kw = {"actor": "Omar Lind", "speaker": "Omar Lind"}
    monday = datetime(2031, 4, 14, tzinfo=UTC)
    first = decide(claim("Omar Lind denied taking the bribe.", **kw), [], now=T0, published=monday)
    assert first.act.day is None and first.act.first_reported == monday.date()
    state = remember([], first, now=T0, published=monday)
    friday = datetime(2031, 4, 25, tzinfo=UTC)
    later = decide(
        claim("Lind on Thursday denied taking the bribe.", article="a2", **kw),
        state,
        now=T0,
        published=friday,
    )
    assert isinstance(later, RaiseAlert)


def test_outlets_that_describe_one_occasion_differently_report_one_act() -> None:
    # "In a statement" in one outlet, "told the Harbour Gazette" in another: only one outlet's
    # own words part a statement from words to a listener.
    s = Stream()
    kw = {"actor": "Omar Lind", "speaker": "Omar Lind"}
    first = s.feed(claim("In a statement, Lind said he never took the harbour bribe.", **kw))
    other = s.feed(
        claim("Lind told the Harbour Gazette he never took the harbour bribe.", article="a2", **kw)
    )
    assert isinstance(other, AttachSource) and other.alert_id == first.alert_id
