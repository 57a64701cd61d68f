"""Places as sponsors name them (issue #11): Ortsteile, registration codes, namesakes far away,
places abroad and English names."""

from __future__ import annotations

import pytest

from bot.base.normalize import fold
from bot.kb.knowledge import KnowledgeBase
from bot.texts.catalog import render
from bot.understanding.places import Elsewhere, InRegion, PlaceResolver
from bot.understanding.result import Unclear, Understood


@pytest.fixture(scope="module")
def places(kb: KnowledgeBase) -> PlaceResolver:
    return PlaceResolver(kb)


def district_of(places: PlaceResolver, answer: str) -> str | None:
    result = places.resolve(answer)
    assert isinstance(result, Understood), (answer, result)
    assert isinstance(result.value, InRegion), (answer, result)
    return result.value.district_id


# --- Ortsteile ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "municipality", "district"),
    [
        ("Steinhude", "Wunstorf", "region-hannover"),
        ("Großenheidorn", "Wunstorf", "region-hannover"),
        ("Luthe", "Wunstorf", "region-hannover"),
        ("Eldagsen", "Springe", "region-hannover"),
        ("Bennigsen", "Springe", "region-hannover"),
        ("Völksen", "Springe", "region-hannover"),
        ("Misburg", "Hannover", "region-hannover"),
        ("Linden", "Hannover", "region-hannover"),
        ("Herrenhausen", "Hannover", "region-hannover"),
        ("Empelde", "Ronnenberg", "region-hannover"),
        ("Berenbostel", "Garbsen", "region-hannover"),
        ("Altwarmbüchen", "Isernhagen", "region-hannover"),
        ("Mellendorf", "Wedemark", "region-hannover"),
        ("Bissendorf", "Wedemark", "region-hannover"),
        ("Rethen", "Laatzen", "region-hannover"),
        ("Himmelsthür", "Hildesheim", "hildesheim"),
        ("Afferde", "Hameln", "hameln-pyrmont"),
        ("Lauenstein", "Salzhemmendorf", "hameln-pyrmont"),
        ("Grünenplan", "Delligsen", "holzminden"),
        ("Neuhaus im Solling", "Holzminden", "holzminden"),
        ("Münchehagen", "Rehburg-Loccum", "nienburg"),
        ("Steinbergen", "Rinteln", "schaumburg"),
    ],
)
def test_ortsteile_resolve_to_their_municipality(
    places: PlaceResolver, kb: KnowledgeBase, answer: str, municipality: str, district: str
) -> None:
    result = places.resolve(answer)
    assert isinstance(result, Understood), result
    subregion = kb.district(district).subregion
    assert result.value == InRegion(subregion, district, f"{answer} ({municipality})")


@pytest.mark.parametrize(
    "answer",
    ["Ortsteil Steinhude", "in Misburg", "Steinhude am Meer, Wunstorf", "Stadtteil Linden"],
)
def test_ortsteile_inside_longer_answers(places: PlaceResolver, answer: str) -> None:
    assert district_of(places, answer) == "region-hannover"


@pytest.mark.parametrize(
    ("answer", "readings"),
    [
        ("Elze", {"hildesheim", "region-hannover"}),
        ("Anderten", {"region-hannover", "nienburg"}),
        ("Grasdorf", {"region-hannover", "hildesheim"}),
        ("Osterwald", {"region-hannover", "hameln-pyrmont"}),
    ],
)
def test_a_name_of_places_in_two_districts_is_asked_back(
    places: PlaceResolver, answer: str, readings: set[str]
) -> None:
    result = places.resolve(answer)
    assert isinstance(result, Unclear), result
    assert result.reason.key == "understanding.place.ambiguous"
    picked = set()
    for suggestion in result.suggestions:
        assert isinstance(suggestion, str) and suggestion.startswith(answer)
        picked.add(district_of(places, suggestion))
    assert picked == readings


def test_the_town_elze_and_the_ortsteil_are_told_apart_when_qualified(
    places: PlaceResolver,
) -> None:
    assert district_of(places, "Elze (Landkreis Hildesheim)") == "hildesheim"
    assert district_of(places, "Stadt Elze") == "hildesheim"
    assert district_of(places, "Elze (Wedemark)") == "region-hannover"
    assert district_of(places, "Elze, Wedemark") == "region-hannover"


@pytest.mark.parametrize(
    ("answer", "district"),
    [
        ("Elze, Landkreis Hildesheim", "hildesheim"),
        ("Elze in der Wedemark", "region-hannover"),
        ("Grasdorf bei Laatzen", "region-hannover"),
        ("Osterwald, Salzhemmendorf", "hameln-pyrmont"),
        ("Anderten (Heemsen)", "nienburg"),
    ],
)
def test_a_second_name_in_the_answer_decides(
    places: PlaceResolver, answer: str, district: str
) -> None:
    assert district_of(places, answer) == district


def test_every_name_shared_by_two_districts_is_known(kb: KnowledgeBase) -> None:
    """A new locality that happens to name a place in another district must be noticed: it is
    asked back from then on. The shipped list has exactly these."""
    owners: dict[str, set[str]] = {}
    for district in kb.regions.districts:
        for municipality in district.municipalities:
            for name in (municipality.name, *municipality.aliases, *municipality.localities):
                owners.setdefault(fold(name), set()).add(district.id)
    shared = {name for name, districts in owners.items() if len(districts) > 1}
    assert shared == {"elze", "anderten", "grasdorf", "osterwald", "limmer"}


# --- registration codes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "district"),
    [
        ("H", "region-hannover"),
        ("HI", "hildesheim"),
        ("ALF", "hildesheim"),
        ("HM", "hameln-pyrmont"),
        ("HOL", "holzminden"),
        ("SHG", "schaumburg"),
        ("RI", "schaumburg"),
        ("Landkreis NI", "nienburg"),
        ("LK NI", "nienburg"),
        ("Kreis NI", "nienburg"),
        ("Kennzeichen NI", "nienburg"),
        ("LK HI", "hildesheim"),
        ("Landkreis HM", "hameln-pyrmont"),
        ("Kfz-Kennzeichen SHG", "schaumburg"),
        ("lk hol", "holzminden"),
    ],
)
def test_registration_codes_as_the_whole_answer_or_after_landkreis(
    places: PlaceResolver, answer: str, district: str
) -> None:
    result = places.resolve(answer)
    assert isinstance(result, Understood) and result.note is not None, result
    assert isinstance(result.value, InRegion) and result.value.district_id == district
    assert render(result.note, "de").startswith(f"„{answer}“ verstanden als")


def test_ni_alone_is_asked_back_lower_saxony_or_nienburg(places: PlaceResolver) -> None:
    result = places.resolve("NI")
    assert isinstance(result, Unclear)
    assert result.reason.key == "understanding.place.code_or_state"
    assert "Niedersachsen" in render(result.reason, "de")
    assert "Lower Saxony" in render(result.reason, "en")
    assert result.suggestions == ("Landkreis Nienburg/Weser",)
    assert district_of(places, "Landkreis Nienburg/Weser") == "nienburg"


@pytest.mark.parametrize(
    "answer",
    ["20 h pro Woche", "ca. 2 h täglich", "Projekt mit HI-Bezug und mehr", "LK OS", "Kreis XY"],
)
def test_codes_inside_other_text_or_unknown_codes_are_no_place(
    places: PlaceResolver, answer: str
) -> None:
    result = places.resolve(answer)
    assert isinstance(result, Unclear), result
    assert result.reason.key == "understanding.place.unknown"


# --- namesakes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "district", "namesake"),
    [
        ("Nienburg", "nienburg", "Nienburg (Saale)"),
        ("Alfeld", "hildesheim", "Alfeld (Mittelfranken)"),
        ("Burgdorf", "region-hannover", "Burgdorf (Landkreis Wolfenbüttel)"),
        ("Hemmingen", "region-hannover", "Hemmingen (Württemberg)"),
        ("in Burgdorf", "region-hannover", "Burgdorf (Bern)"),
    ],
)
def test_a_town_here_is_taken_over_small_namesakes_far_away(
    places: PlaceResolver, answer: str, district: str, namesake: str
) -> None:
    result = places.resolve(answer)
    assert isinstance(result, Understood), result
    assert isinstance(result.value, InRegion) and result.value.district_id == district
    assert result.note is not None and result.note.key == "understanding.place.namesake"
    german, english = render(result.note, "de"), render(result.note, "en")
    assert namesake in german and namesake in english
    assert "/zurueck" in german and "/back" in english
    # the way to correct it: the namesake as named in the note resolves to it
    corrected = places.resolve(namesake)
    assert isinstance(corrected, Understood) and isinstance(corrected.value, Elsewhere)


def test_burgdorf_elsewhere_is_referred_when_qualified(places: PlaceResolver) -> None:
    result = places.resolve("Burgdorf (Landkreis Wolfenbüttel)")
    assert isinstance(result, Understood)
    assert result.value == Elsewhere("Burgdorf (Landkreis Wolfenbüttel)", "suedostniedersachsen")


def test_a_namesake_qualified_by_its_district_needs_no_note(places: PlaceResolver) -> None:
    result = places.resolve("Hemmingen bei Hannover")
    assert isinstance(result, Understood) and result.note is None
    assert isinstance(result.value, InRegion) and result.value.name == "Hemmingen"


def test_two_places_named_are_not_taken_for_a_namesake(places: PlaceResolver) -> None:
    result = places.resolve("Burgdorf oder Celle")
    assert isinstance(result, Unclear) and result.reason.key == "understanding.place.ambiguous"


def test_halle_near_neuenhaus_belongs_to_ems_achse(places: PlaceResolver) -> None:
    result = places.resolve("Halle (Grafschaft Bentheim)")
    assert isinstance(result, Understood)
    assert isinstance(result.value, Elsewhere) and result.value.alliance_id == "ems-achse"
    asked = places.resolve("Halle")
    assert isinstance(asked, Unclear)
    assert "Halle (Grafschaft Bentheim)" in asked.suggestions


@pytest.mark.parametrize(
    ("answer", "district"),
    [("Gronau (Leine)", "hildesheim"), ("Husum (Landkreis Nienburg/Weser)", "nienburg")],
)
def test_where_both_readings_are_plausible_the_qualified_name_decides(
    places: PlaceResolver, answer: str, district: str
) -> None:
    assert district_of(places, answer) == district


# --- abroad and elsewhere in Germany ---------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "country"),
    [
        ("Wien", "Österreich"),
        ("Vienna", "Österreich"),
        ("Zürich", "Schweiz"),
        ("Zurich", "Schweiz"),
        ("Paris", "Frankreich"),
        ("Amsterdam", "Niederlande"),
        ("Wien, Österreich", "Österreich"),
        ("Österreich", "Österreich"),
        ("Prag", "Tschechien"),
    ],
)
def test_places_abroad_are_understood_as_abroad(
    places: PlaceResolver, answer: str, country: str
) -> None:
    result = places.resolve(answer)
    assert isinstance(result, Understood), result
    assert isinstance(result.value, Elsewhere)
    assert result.value.alliance_id is None and result.value.country == country


@pytest.mark.parametrize("answer", ["München", "Leipzig", "Mannheim", "Lügde", "Frankfurt"])
def test_other_german_states_are_outside_lower_saxony(places: PlaceResolver, answer: str) -> None:
    result = places.resolve(answer)
    assert isinstance(result, Understood), result
    assert isinstance(result.value, Elsewhere)
    assert result.value.country is None and result.value.state is not None


# --- English names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "district"),
    [
        ("Hanover", "region-hannover"),
        ("Hanover Region", "region-hannover"),
        ("the Hanover Region", "region-hannover"),
        ("city of Hanover", "region-hannover"),
        ("district of Hildesheim", "hildesheim"),
        ("Hildesheim district", "hildesheim"),
        ("the district of Schaumburg", "schaumburg"),
        ("Nienburg district", "nienburg"),
        ("Hameln-Pyrmont district", "hameln-pyrmont"),
        ("Hamelin", "hameln-pyrmont"),
    ],
)
def test_english_names(places: PlaceResolver, answer: str, district: str) -> None:
    assert district_of(places, answer) == district


# --- several places --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "districts"),
    [
        ("Hannover und Hildesheim", ["region-hannover", "hildesheim"]),
        ("Garbsen und Sarstedt", ["region-hannover", "hildesheim"]),
        ("Landkreise Schaumburg und Nienburg", ["schaumburg", "nienburg"]),
        (
            "Region Hannover, Landkreis Hildesheim und Hameln-Pyrmont",
            ["region-hannover", "hildesheim", "hameln-pyrmont"],
        ),
        ("Hildesheim sowie Steinhude", ["hildesheim", "region-hannover"]),
        ("Hannover and Hildesheim district", ["region-hannover", "hildesheim"]),
    ],
)
def test_a_project_in_several_districts(
    places: PlaceResolver, answer: str, districts: list[str]
) -> None:
    result = places.resolve(answer)
    assert isinstance(result, Understood), result
    assert isinstance(result.value, InRegion)
    assert [p.district_id for p in result.value.places] == districts  # in the order named
    assert result.note is not None and result.note.key == "understanding.place.several"
    assert "/zurueck" in render(result.note, "de") and "/back" in render(result.note, "en")


def test_a_whole_subregion_among_several(places: PlaceResolver) -> None:
    result = places.resolve("Hildesheim und Weserbergland")
    assert isinstance(result, Understood) and isinstance(result.value, InRegion)
    assert [(p.subregion_id, p.district_id) for p in result.value.places] == [
        ("hildesheim", "hildesheim"),
        ("weserbergland", None),
    ]


@pytest.mark.parametrize(
    ("answer", "district"),
    [
        ("Garbsen und Wunstorf", "region-hannover"),  # one district: no several places
        ("Rinteln, LK Schaumburg", "schaumburg"),
        ("Steinhude, Wunstorf", "region-hannover"),
    ],
)
def test_names_of_one_district_are_one_place(
    places: PlaceResolver, answer: str, district: str
) -> None:
    result = places.resolve(answer)
    assert isinstance(result, Understood) and isinstance(result.value, InRegion)
    assert result.value.district_id == district and result.value.also == ()


@pytest.mark.parametrize(
    "answer", ["Hannover oder Hildesheim", "Gronau und Hameln", "Hannover und Celle"]
)
def test_alternatives_and_unclear_parts_are_asked_back(places: PlaceResolver, answer: str) -> None:
    assert isinstance(places.resolve(answer), Unclear)
