"""Tests for the actors knowledge base: aliases, metonyms, demonyms, ambiguity, mentions."""

from __future__ import annotations

import json
from importlib import resources

import pytest

import services.actors as actors
from services.actors import (
    actor_kind,
    aliases_of,
    candidates,
    data_problems,
    find_mentions,
    is_ambiguous,
    known_actors,
    parent_of,
    resolve_actor,
    resolve_demonym,
    role_of,
)

# The 193 UN member states, spelt as the UN and the press variously spell them.
UN_MEMBERS = """
Afghanistan|Albania|Algeria|Andorra|Angola|Antigua and Barbuda|Argentina|Armenia|Australia|
Austria|Azerbaijan|the Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|
Plurinational State of Bolivia|Bosnia and Herzegovina|Botswana|Brazil|Brunei Darussalam|Bulgaria|
Burkina Faso|Burundi|Cabo Verde|Cambodia|Cameroon|Canada|Central African Republic|Chad|Chile|
People's Republic of China|Colombia|Comoros|Republic of the Congo|Costa Rica|Côte d'Ivoire|
Croatia|Cuba|Cyprus|Czechia|Democratic People's Republic of Korea|
Democratic Republic of the Congo|Denmark|Djibouti|Dominica|Dominican Republic|Ecuador|Egypt|
El Salvador|Equatorial Guinea|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|
The Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala|Guinea|Guinea-Bissau|Guyana|Haiti|
Honduras|Hungary|Iceland|India|Indonesia|Islamic Republic of Iran|Iraq|Ireland|Israel|Italy|
Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|Kuwait|Kyrgyzstan|
Lao People's Democratic Republic|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|
Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Marshall Islands|Mauritania|Mauritius|
Mexico|Federated States of Micronesia|Republic of Moldova|Monaco|Mongolia|Montenegro|Morocco|
Mozambique|Myanmar|Namibia|Nauru|Nepal|Kingdom of the Netherlands|New Zealand|Nicaragua|Niger|
Nigeria|North Macedonia|Norway|Oman|Pakistan|Palau|Panama|Papua New Guinea|Paraguay|Peru|
Philippines|Poland|Portugal|Qatar|Republic of Korea|Romania|Russian Federation|Rwanda|
Saint Kitts and Nevis|Saint Lucia|Saint Vincent and the Grenadines|Samoa|San Marino|
São Tomé and Príncipe|Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|
Slovenia|Solomon Islands|Somalia|South Africa|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|
Switzerland|Syrian Arab Republic|Tajikistan|Thailand|Timor-Leste|Togo|Tonga|Trinidad and Tobago|
Tunisia|Türkiye|Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|
United Kingdom of Great Britain and Northern Ireland|United Republic of Tanzania|
United States of America|Uruguay|Uzbekistan|Vanuatu|Bolivarian Republic of Venezuela|Viet Nam|
Yemen|Zambia|Zimbabwe
"""


def test_every_un_member_resolves_to_a_distinct_member_country() -> None:
    names = [n.strip() for n in UN_MEMBERS.split("|") if n.strip()]
    assert len(names) == 193
    resolved = {name: resolve_actor(name) for name in names}
    assert [n for n, c in resolved.items() if c is None] == []
    canonicals = set(resolved.values())
    assert len(canonicals) == 193
    for canonical in canonicals:
        assert canonical is not None
        info = actors.actor_info(canonical)
        assert info is not None and info.kind == "country" and info.type == "un_member"


def test_at_least_193_countries_plus_observers_and_other_entities() -> None:
    countries = [a for a in known_actors() if actor_kind(a) == "country"]
    assert len(countries) >= 193 + 2
    for name in ("Palestine", "Vatican", "Taiwan", "Kosovo", "Hong Kong"):
        assert actor_kind(name) == "country"
    assert resolve_actor("Holy See") == "Vatican"
    assert resolve_actor("State of Palestine") == "Palestine"
    assert parent_of("Hong Kong") == "China"


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        # metonyms: capitals and seats of power
        ("the Kremlin", "Russia"),
        ("Moscow", "Russia"),
        ("Beijing", "China"),
        ("Zhongnanhai", "China"),
        ("White House", "United States"),
        ("the Pentagon", "United States"),
        ("Foggy Bottom", "United States"),
        ("Downing Street", "United Kingdom"),
        ("Whitehall", "United Kingdom"),
        ("Élysée", "France"),
        ("Elysee Palace", "France"),
        ("Quai d'Orsay", "France"),
        ("Kyiv", "Ukraine"),
        ("Kiev", "Ukraine"),
        ("Tehran", "Iran"),
        ("Pyongyang", "North Korea"),
        ("Seoul", "South Korea"),
        ("Taipei", "Taiwan"),
        ("Damascus", "Syria"),
        ("Brussels", "European Union"),
        # official and long names
        ("Russian Federation", "Russia"),
        ("People's Republic of China", "China"),
        ("Islamic Republic of Iran", "Iran"),
        ("Syrian Arab Republic", "Syria"),
        ("Republic of China", "Taiwan"),
        # abbreviations, with and without dots
        ("US", "United States"),
        ("U.S.", "United States"),
        ("USA", "United States"),
        ("U.S.A.", "United States"),
        ("UK", "United Kingdom"),
        ("U.K.", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("PRC", "China"),
        ("DPRK", "North Korea"),
        ("UAE", "United Arab Emirates"),
        ("DRC", "Democratic Republic of the Congo"),
        ("N.C.", "North Carolina"),
        ("Calif.", "California"),
        ("U.N.", "United Nations"),
        ("UN", "United Nations"),
        ("E.U.", "European Union"),
        ("Nato", "NATO"),
        ("IAEA", "International Atomic Energy Agency"),
        ("WHO", "World Health Organization"),
        ("G-20", "G20"),
        ("OPEC+", "OPEC+"),
        ("OPEC", "OPEC"),
        ("CDC", "Centers for Disease Control and Prevention"),
        ("Scotland Yard", "Metropolitan Police"),
        ("the Fed", "Federal Reserve"),
        ("ECB", "European Central Bank"),
        # parties and media, which speak and are spoken against
        ("the Labour Party", "Labour Party"),
        ("Tories", "Conservative Party"),
        ("GOP", "Republican Party"),
        ("CCP", "Chinese Communist Party"),
        ("Washington Post", "The Washington Post"),
        ("FT", "Financial Times"),
        ("Xinhua", "Xinhua"),
        # demonyms, plural demonyms and possessives
        ("Russian", "Russia"),
        ("Chinese", "China"),
        ("American", "United States"),
        ("British", "United Kingdom"),
        ("Israelis", "Israel"),
        ("Russia's", "Russia"),
        ("Moscow’s", "Russia"),
        ("the Philippines'", "Philippines"),
        # case, spacing and accents
        ("the  kremlin", "Russia"),
        ("RUSSIA", "Russia"),
        ("Cote d'Ivoire", "Ivory Coast"),
        ("Turkiye", "Turkey"),
        # list order, as the UN and ISO write names
        ("Iran (Islamic Republic of)", "Iran"),
        ("Korea, Republic of", "South Korea"),
        ("Korea, Democratic People's Republic of", "North Korea"),
        ("Venezuela (Bolivarian Republic of)", "Venezuela"),
        # sub-national units beyond the English-speaking federations
        ("Bavaria", "Bavaria"),
        ("Catalonia", "Catalonia"),
        # an actor followed by government-role words
        ("Chinese Foreign Ministry", "China"),
        ("Kremlin spokesman", "Russia"),
        ("US State Department", "United States"),
        ("US CDC", "Centers for Disease Control and Prevention"),
    ],
)
def test_alias_resolves_to_canonical(alias: str, canonical: str) -> None:
    assert resolve_actor(alias) == canonical


@pytest.mark.parametrize(
    "text",
    ["us", "who", "turkey", "ill", "sec", "labour", "rand", "", "  ", "Einar Tangen", "Lyon"],
)
def test_words_and_unknown_names_are_not_actors(text: str) -> None:
    assert resolve_actor(text) is None


def test_demonyms_resolve_only_as_demonyms() -> None:
    assert resolve_demonym("Iranian") == "Iran"
    assert resolve_demonym("Britons") == "United Kingdom"
    assert resolve_demonym("Dutch") == "Netherlands"
    assert resolve_demonym("Russia") is None
    assert resolve_demonym("Kremlin") is None


def test_kinds_and_parents() -> None:
    assert actor_kind("Russia") == "country"
    assert actor_kind("North Carolina") == "subnational"
    assert parent_of("North Carolina") == "United States"
    assert parent_of("Scotland") == "United Kingdom"
    assert actor_kind("NATO") == "organisation"
    assert actor_kind("Federal Bureau of Investigation") == "agency"
    assert parent_of("Federal Bureau of Investigation") == "United States"
    assert parent_of("Bank of England") == "United Kingdom"
    assert parent_of("European Central Bank") == "European Union"
    assert parent_of("Russia") is None
    assert actor_kind("Atlantis") is None


def test_ambiguous_aliases_are_flagged_and_expose_their_candidates() -> None:
    for alias in ("Georgia", "Washington", "Jordan", "Chad", "Niger", "NSA", "Congo"):
        assert is_ambiguous(alias), alias
    for alias in ("Kremlin", "Beijing", "Russia", "NATO"):
        assert not is_ambiguous(alias), alias
    assert candidates("Georgia") == ["Georgia", "Georgia (US state)"]
    assert candidates("Washington")[0] == "United States"
    assert "Washington State" in candidates("Washington")
    assert candidates("Kremlin") == ["Russia"]
    assert candidates("Atlantis") == []


def test_aliases_of_lists_every_form_a_subscription_should_match() -> None:
    russia = aliases_of("Russia")
    assert russia[0] == "Russia"
    assert {"Kremlin", "Moscow", "Russian", "Russian Federation"} <= set(russia)
    assert aliases_of("the Kremlin") == russia
    assert aliases_of("Atlantis") == []


def test_find_mentions_resolves_metonyms_in_a_sentence() -> None:
    text = "Washington accused Beijing of helping Moscow, the Kremlin said."
    found = find_mentions(text)
    assert [(text[s:e], c) for s, e, c, _ in found] == [
        ("Washington", "United States"),
        ("Beijing", "China"),
        ("Moscow", "Russia"),
        ("Kremlin", "Russia"),
    ]
    assert all(text[s:e] == alias for s, e, _, alias in found)


def test_find_mentions_prefers_longest_match_and_respects_word_bounds() -> None:
    text = (
        "The U.S. Federal Reserve and South Korea's Bank of Korea met; "
        "Russians, not Russia-watchers in Prussia, spoke of the South China Sea "
        "in the Washington Post, and us Americans ate turkey."
    )
    found = [(text[s:e], c) for s, e, c, _ in find_mentions(text)]
    assert ("South Korea", "South Korea") in found
    assert ("Bank of Korea", "Bank of Korea") in found
    assert ("Federal Reserve", "Federal Reserve") in found
    assert ("U.S.", "United States") in found
    assert ("Russians", "Russia") in found
    assert ("Russia", "Russia") in found  # "Russia-watchers" names Russia
    assert ("Americans", "United States") in found
    assert all(c not in ("China", "Turkey") for _, c in found)
    assert not any(t == "Prussia" or t == "Washington" for t, _ in found)
    assert ("Korea", "South Korea") not in found


def test_find_mentions_handles_accents_and_curly_apostrophes() -> None:
    found = find_mentions("The Elysee and Côte d’Ivoire answered.")
    assert [c for _, _, c, _ in found] == ["France", "Ivory Coast"]


def test_roles_tell_who_speaks_for_the_government() -> None:
    spokesman = role_of("Chinese Foreign Ministry spokesman")
    assert spokesman is not None and spokesman.speaks_for_government
    fellow = role_of("senior fellow at the Taihe Institute")
    assert fellow is not None and fellow.role == "senior fellow"
    assert not fellow.speaks_for_government and fellow.speaks_for == "institution"
    senator = role_of("Republican senator")
    assert senator is not None and senator.speaks_for == "self"
    assert role_of("national security adviser") is not None
    assert role_of("a man in the street") is None


def test_data_files_validate() -> None:
    assert data_problems() == []


def test_no_alias_maps_to_two_actors_unless_flagged_ambiguous() -> None:
    # Re-derived here from the raw files, independently of the loader's own check.
    data = resources.files("services.actors").joinpath("data")
    owners: dict[str, set[str]] = {}
    flagged: set[tuple[str, str]] = set()
    for name in ("countries.json", "subnational.json", "organisations.json", "agencies.json"):
        for entry in json.loads(data.joinpath(name).read_text(encoding="utf-8"))["actors"]:
            forms = [entry["name"]]
            for field in ("official", "aliases", "abbreviations", "demonyms", "metonyms"):
                forms += entry.get(field, [])
            for form in forms:
                owners.setdefault(actors.loose_key(form), set()).add(entry["name"])
            for form in entry.get("ambiguous", []):
                flagged.add((actors.loose_key(form), entry["name"]))
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert "georgia" in shared
    for key, names in shared.items():
        if all((key, n) in flagged for n in names):
            continue
        # Otherwise only case-sensitive forms may share a loose key ("PA", "Pa."), and
        # then each written form must belong to one actor.
        forms = _aliases_with_key(key)
        assert all(a.case_sensitive for a in forms), (key, names)
        by_written: dict[str, set[str]] = {}
        for alias in forms:
            by_written.setdefault(actors.exact_key(alias.text), set()).add(alias.canonical)
        assert all(len(owners_) == 1 for owners_ in by_written.values()), (key, by_written)


def _aliases_with_key(key: str) -> list[actors.Alias]:
    kb = actors.knowledge_base()
    return [
        a for actor in kb.actors.values() for a in actor.aliases if actors.loose_key(a.text) == key
    ]


@pytest.mark.parametrize(
    ("title", "canonical"),
    [
        ("a US official", "United States"),
        ("senior US officials", "United States"),
        ("White House NSA", "United States"),
        ("Chinese embassy spokesperson", "China"),
        ("Russia's defence ministry", "Russia"),
        ("EU foreign policy chief", "European Union"),
        ("UN Secretary-General", "United Nations"),
        ("German financial regulator BaFin", "BaFin"),
        ("Britain's Metropolitan Police", "Metropolitan Police"),
        ("former US official", None),
        ("Russian President Vladimir Putin", None),
        ("Chinese analyst", None),
        ("US ambassador to China", None),
    ],
)
def test_actor_plus_government_role_resolves_to_the_actor(
    title: str, canonical: str | None
) -> None:
    assert resolve_actor(title) == canonical


def test_role_prefers_the_head_noun_and_demotes_former_holders() -> None:
    spokesperson = role_of("Chinese embassy spokesperson")
    assert spokesperson is not None and spokesperson.role == "spokesperson"
    nsa = role_of("White House NSA")
    assert nsa is not None and nsa.speaks_for_government
    former = role_of("former US official")
    assert former is not None and former.speaks_for == "self"
    assert not former.speaks_for_government
    ex = role_of("ex-minister")
    assert ex is not None and ex.speaks_for == "self"


def test_mentions_of_media_and_parties_block_the_places_in_their_names() -> None:
    text = "The Washington Post said the Labour Party and the FT were wrong."
    found = [(text[s:e], c) for s, e, c, _ in find_mentions(text)]
    assert found == [
        ("Washington Post", "The Washington Post"),
        ("Labour Party", "Labour Party"),
        ("FT", "Financial Times"),
    ]
    assert parent_of("Xinhua") == "China"
    assert parent_of("Labour Party") == "United Kingdom"


def test_every_capital_metonym_and_demonym_names_its_own_country_unless_flagged() -> None:
    kb = actors.knowledge_base()
    for actor in kb.actors.values():
        for alias in actor.aliases:
            if alias.category not in ("metonyms", "demonyms", "name", "official"):
                continue
            resolved = resolve_actor(alias.text)
            assert resolved == actor.name or alias.ambiguous, (alias.text, actor.name, resolved)


def test_an_alias_of_several_actors_follows_the_other_mentions_in_the_text() -> None:
    weather = "Storms hit Tennessee and Kentucky on Monday before reaching Georgia."
    assert find_mentions(weather)[-1][2] == "Georgia (US state)"
    caucasus = "Russia warned Georgia, and Tbilisi answered."
    assert [c for _, _, c, _ in find_mentions(caucasus)] == ["Russia", "Georgia", "Georgia"]
    # One sibling is not enough: the capital's metonym keeps its usual reading.
    metonym = "California's governor said Washington had ignored the state."
    assert [c for _, _, c, _ in find_mentions(metonym)] == ["California", "United States"]
    states = "Fires spread across Oregon, Idaho and Washington."
    assert find_mentions(states)[-1][2] == "Washington State"
