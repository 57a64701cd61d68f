"""Places typed by sponsors: municipalities, districts, aliases, typos, namesakes elsewhere."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.places import Elsewhere, InRegion, PlaceResolver
from bot.understanding.result import Unclear, Understood


@pytest.fixture(scope="module")
def places(kb: KnowledgeBase) -> PlaceResolver:
    return PlaceResolver(kb)


@pytest.mark.parametrize(
    ("answer", "district"),
    [
        ("Hildesheim", "hildesheim"),
        ("Hildeshiem", "hildesheim"),
        ("LK Hildesheim", "hildesheim"),
        ("landkreis hildesheim", "hildesheim"),
        ("district of Hildesheim", "hildesheim"),
        ("Stadt Hannover", "region-hannover"),
        ("Region Hannover", "region-hannover"),
        ("Garbsen", "region-hannover"),
        ("Neustadt a. Rbge.", "region-hannover"),
        ("Nienburg (Weser)", "nienburg"),
        ("Nienburg/Weser", "nienburg"),
        ("LK Nienburg", "nienburg"),
        ("LK Nienbrug", "nienburg"),
        ("Uchte", "nienburg"),
        ("in Rinteln", "schaumburg"),
        ("Wir sitzen in Stadthagen, LK Schaumburg", "schaumburg"),
        ("Bueckeburg", "schaumburg"),
        ("Bad Pyrmont", "hameln-pyrmont"),
        ("HAMELN", "hameln-pyrmont"),
        ("Holzminden", "holzminden"),
        ("Alfeld (Leine)", "hildesheim"),
        ("Burgdorf (Region Hannover)", "region-hannover"),
    ],
)
def test_places_in_the_region(places: PlaceResolver, answer: str, district: str) -> None:
    result = places.resolve(answer)
    assert isinstance(result, Understood), result
    assert isinstance(result.value, InRegion)
    assert result.value.district_id == district


def test_a_typo_is_echoed_as_understood(places: PlaceResolver) -> None:
    result = places.resolve("Hildeshiem")
    assert isinstance(result, Understood) and result.note is not None


def test_a_whole_subregion_is_understood_without_a_district(places: PlaceResolver) -> None:
    result = places.resolve("Weserbergland")
    assert isinstance(result, Understood)
    assert result.value == InRegion("weserbergland", None, "REK Weserbergland+")


@pytest.mark.parametrize(
    ("answer", "alliance"),
    [
        ("Celle", "nordost-niedersachsen"),
        ("Göttingen", "suedniedersachsen"),
        ("Osnabrück", "nordwest"),
        ("LK Stade", "elbe-weser"),
        ("Braunschweig", "suedostniedersachsen"),
        ("Wilhelmshaven", "jadebay"),
        ("Emden", "ems-achse"),
    ],
)
def test_places_of_other_alliances_are_referred(
    places: PlaceResolver, answer: str, alliance: str
) -> None:
    result = places.resolve(answer)
    assert isinstance(result, Understood)
    assert result.value == Elsewhere(result.value.name, alliance)  # type: ignore[union-attr]


@pytest.mark.parametrize("answer", ["Bremen", "Berlin", "NRW", "Hamburg", "Hamm", "Höxter"])
def test_places_outside_lower_saxony(places: PlaceResolver, answer: str) -> None:
    result = places.resolve(answer)
    assert isinstance(result, Understood)
    assert isinstance(result.value, Elsewhere) and result.value.alliance_id is None


@pytest.mark.parametrize(
    ("answer", "inside"),
    [
        ("Gronau", "Gronau (Leine) (Landkreis Hildesheim)"),
        ("Husum", "Husum (Landkreis Nienburg/Weser)"),
        ("Bevern", "Bevern (Landkreis Holzminden)"),
        ("Neustadt", "Neustadt am Rübenberge (Region Hannover)"),
        ("Halle", "Halle (Landkreis Holzminden)"),
        ("Estorf", "Estorf (Landkreis Nienburg/Weser)"),
        ("Buchholz", "Buchholz (Landkreis Schaumburg)"),
    ],
)
def test_names_inside_and_outside_of_similar_standing_are_asked_back(
    places: PlaceResolver, answer: str, inside: str
) -> None:
    result = places.resolve(answer)
    assert isinstance(result, Unclear)
    assert result.reason.key == "understanding.place.ambiguous"
    assert len(result.suggestions) >= 2
    assert any(s.startswith(inside) for s in result.suggestions)
    # every offered choice resolves uniquely when sent back
    for suggestion in result.suggestions:
        assert isinstance(places.resolve(suggestion), Understood), suggestion


def test_unknown_places_get_the_closest_suggestions(places: PlaceResolver) -> None:
    result = places.resolve("Sarstadt Nord")
    assert isinstance(result, Unclear)
    assert result.reason.key in {"understanding.place.unknown", "understanding.place.ambiguous"}
    nothing = places.resolve("qwrtzp")
    assert isinstance(nothing, Unclear) and nothing.reason.key == "understanding.place.unknown"


@pytest.mark.parametrize("answer", ["", "   ", "Leine-Weser", "Niedersachsen"])
def test_too_little_or_too_broad(places: PlaceResolver, answer: str) -> None:
    assert isinstance(places.resolve(answer), Unclear)


@given(st.text(max_size=300))
def test_no_input_ever_raises(places: PlaceResolver, answer: str) -> None:
    result = places.resolve(answer)
    assert isinstance(result, Understood | Unclear)


def test_a_close_namesake_elsewhere_is_not_taken_for_a_place_inside(
    places: PlaceResolver,
) -> None:
    # Gießen (Hessen) is one letter away from Giesen (Landkreis Hildesheim).
    for answer in ("Gießen", "Giessen"):
        result = places.resolve(answer)
        assert isinstance(result, Understood), result
        assert result.value == Elsewhere("Gießen", None, "Hessen")
    giesen = places.resolve("Giesen")
    assert isinstance(giesen, Understood) and isinstance(giesen.value, InRegion)
    assert giesen.value.district_id == "hildesheim"
