"""Whom a speaker speaks for: a lawyer's client, a judge's court, a prosecutor's office, an
executive's company, a manager's club, a spokesman's country. Sentences written for these tests."""

from __future__ import annotations

from extraction_helpers import ClaimsOf

from services.extraction.settle import is_common_noun
from services.extraction.unnamed import names_no_one


def parties(claims: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(c.speaker, c.actor) for c in claims]


def test_lawyer_speaks_for_the_client_named_with_a_possessive(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Singer Leo Marsh was sued on Monday. Marsh's lawyer said the lawsuit was baseless."
    )
    assert ("Leo Marsh's lawyer", "Leo Marsh") in parties(claims)


def test_lawyer_named_in_an_appositive_speaks_for_the_client(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Priya Natarajan, a lawyer for Pellworth Foods, denied that the firm had hidden the tests."
    )
    assert parties(claims) == [("Priya Natarajan", "Pellworth Foods")]


def test_lawyer_representing_someone_speaks_for_them(claims_of: ClaimsOf) -> None:
    claims = claims_of("A solicitor representing Owen Tarrant said the charges were false.")
    assert [c.actor for c in claims] == ["Owen Tarrant"]
    assert claims[0].speaker != "Owen Tarrant"  # the solicitor stays the speaker


def test_company_lawyer_before_a_title_speaks_for_the_company(claims_of: ClaimsOf) -> None:
    claims = claims_of("Brindle Shipping lawyer Ada Quist denied that the crew had been warned.")
    assert parties(claims) == [("Ada Quist", "Brindle Shipping")]


def test_judge_speaks_for_the_court_named_with_her(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Judge Ruth Alder of the Kestrel County Court warned the jurors that talking to "
        "reporters would be punished. The judge said the trial would resume on Friday."
    )
    assert parties(claims) == [
        ("Ruth Alder", "Kestrel County Court"),
        ("Ruth Alder", "Kestrel County Court"),
    ]


def test_unnamed_judge_speaks_for_the_court_of_the_place(claims_of: ClaimsOf) -> None:
    claims = claims_of("A federal judge in Ohio said the company had misled its investors.")
    assert [c.actor for c in claims] == ["Ohio court"]


def test_prosecutor_speaks_for_the_prosecutors_office(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Prosecutors in Lisbon said the councillor had taken bribes. "
        "Chief prosecutor Ana Veloso warned that more charges would follow."
    )
    assert {c.actor for c in claims} == {"Portugal Prosecutor's Office"}
    assert claims[-1].speaker == "Ana Veloso"


def test_foreign_ministry_spokesman_speaks_for_the_country_not_the_ministry(
    claims_of: ClaimsOf,
) -> None:
    claims = claims_of(
        "Hanoi brushed the reports aside on Tuesday. At a briefing, a foreign ministry "
        "spokesman called them a fabrication."
    )
    # brushing the reports aside is itself a denial (a phrasal cue aimed at an allegation)
    assert parties(claims) == [("Hanoi", "Vietnam"), ("foreign ministry spokesman", "Vietnam")]


def test_foreign_ministry_spokesman_after_his_country_spoke(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Chile denied the report on Monday. A foreign ministry spokesman said no such "
        "request had been made."
    )
    assert {c.actor for c in claims} == {"Chile"}


def test_chief_executive_speaks_for_the_company(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Orbital Mills chief executive Dana Kerr denied that the company had cut wages."
    )
    assert parties(claims) == [("Dana Kerr", "Orbital Mills")]


def test_ceo_of_a_company_in_an_appositive(claims_of: ClaimsOf) -> None:
    claims = claims_of("The CEO of Quillon Energy, Omar Haddad, warned of further price rises.")
    assert parties(claims) == [("Omar Haddad", "Quillon Energy")]


def test_statement_from_a_company_is_the_companys(claims_of: ClaimsOf) -> None:
    claims = claims_of("A statement from Marlow Optics rejected the report as baseless.")
    assert parties(claims) == [("Marlow Optics", "Marlow Optics")]


def test_club_manager_speaks_for_the_club(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Harrow Rovers manager Tim Boyle dismissed reports that the club would sell its "
        "captain. The manager said the rumours were rubbish."
    )
    assert parties(claims) == [("Tim Boyle", "Harrow Rovers"), ("Tim Boyle", "Harrow Rovers")]


def test_military_spokesman_speaks_for_the_country(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Nigeria said on Monday that its troops had repelled an attack near the border. "
        "A military spokesman denied that any civilians had been hurt."
    )
    assert {c.actor for c in claims} == {"Nigeria"}


def test_army_spokesman_with_a_demonym_speaks_for_the_country(claims_of: ClaimsOf) -> None:
    claims = claims_of("An Indian army spokesman denied that the post had been abandoned.")
    assert [c.actor for c in claims] == ["India"]


def test_armed_group_speaks_for_itself(claims_of: ClaimsOf) -> None:
    claims = claims_of("Hezbollah warned that it would answer any strike on Beirut.")
    assert [c.actor for c in claims] == ["Hezbollah"]


def test_headline_surname_takes_the_actor_the_body_gives(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Secretary of State Ben Harlow warned that American firms which shipped chips to "
        "Russia would face penalties. Washington was watching the trade, he said.",
        title="Harlow warns chip exporters",
    )
    headline = [c for c in claims if c.span.field == "title"]
    assert [(c.speaker, c.actor) for c in headline] == [("Ben Harlow", "United States")]


def test_no_actor_is_a_common_noun() -> None:
    assert is_common_noun("ministry")
    assert is_common_noun("foreign ministry spokesman")
    assert is_common_noun("CEO")
    assert not is_common_noun("al-Shabab")
    assert not is_common_noun("Ohio court")


def test_a_speaker_tied_to_no_one_is_marked_unnamed(claims_of: ClaimsOf) -> None:
    claims = claims_of("Traders said the announcement calmed the market only briefly.")
    assert [(c.speaker, c.actor) for c in claims] == [("Traders", "unnamed traders")]
    assert names_no_one(claims[0].actor)


def test_members_of_a_named_body_speak_for_it(claims_of: ClaimsOf) -> None:
    claims = claims_of("Organisers of the Westbury Half Marathon said the route would change.")
    assert [c.actor for c in claims] == ["Westbury Half Marathon"]


def test_an_organisation_named_in_apposition_is_the_speaker(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "The UN's health agency, the World Health Organization, warned that the outbreak "
        "could spread."
    )
    assert [c.actor for c in claims] == ["World Health Organization"]


def test_a_countrys_prosecutor_speaks_for_its_prosecutors_office(claims_of: ClaimsOf) -> None:
    claims = claims_of("Spain's chief prosecutor said charges against the mayor were ready.")
    assert [c.actor for c in claims] == ["Spain Prosecutor's Office"]


def test_a_group_before_a_role_outranks_the_place_that_owns_it(claims_of: ClaimsOf) -> None:
    claims = claims_of("Lebanon's Hezbollah chief warned that the strikes would be answered.")
    assert [c.actor for c in claims] == ["Hezbollah"]


def test_a_ministers_portfolio_is_no_actor(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Britain said the talks would resume. The Brexit secretary said the deadline would hold."
    )
    assert [c.actor for c in claims] == ["United Kingdom", "United Kingdom"]
