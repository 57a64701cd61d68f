"""Staff extend localities, registration codes and places outside Lower Saxony; `kb check`
validates what they add, naming file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.kb.loader import load_directory
from bot.understanding.places import Elsewhere, InRegion, PlaceResolver
from bot.understanding.result import Unclear, Understood
from tests.kb.edits import check, line_of, replace_in_file

WUNSTORF = "        localities: [Steinhude, "


def test_a_locality_staff_add_is_understood(knowledge_copy: Path) -> None:
    regions = knowledge_copy / "regions.yaml"
    replace_in_file(regions, WUNSTORF, WUNSTORF + "Hagenburger Moor, ")
    code, output = check(knowledge_copy)
    assert code == 0, output
    places = PlaceResolver(load_directory(knowledge_copy))
    result = places.resolve("Hagenburger Moor")
    assert isinstance(result, Understood)
    assert result.value == InRegion("hannover", "region-hannover", "Hagenburger Moor (Wunstorf)")


def test_a_locality_naming_a_place_in_another_district_is_accepted_and_asked_back(
    knowledge_copy: Path,
) -> None:
    regions = knowledge_copy / "regions.yaml"
    replace_in_file(regions, WUNSTORF, WUNSTORF + "Sarstedt, ")
    assert check(knowledge_copy)[0] == 0
    result = PlaceResolver(load_directory(knowledge_copy)).resolve("Sarstedt")
    assert isinstance(result, Unclear) and len(result.suggestions) == 2


@pytest.mark.parametrize(
    ("added", "expected"),
    [
        ("Wunstorf, ", "“Wunstorf” already is a name of “Wunstorf” itself"),
        ("Luthe, ", "the locality “Luthe” is already listed in this district under “Wunstorf”"),
        ("Misburg, ", "the locality “Misburg” is already listed in this district under “Hannover”"),
        ("'', ", "too few entries or empty text"),
        ("{name: Luthe}, ", "a text is expected here"),
    ],
)
def test_broken_localities_are_refused_with_file_line_and_field(
    knowledge_copy: Path, added: str, expected: str
) -> None:
    regions = knowledge_copy / "regions.yaml"
    replace_in_file(regions, WUNSTORF, WUNSTORF + added)
    code, output = check(knowledge_copy)
    assert code == 1
    assert expected in output
    assert f"regions.yaml, line {line_of(regions, WUNSTORF + added)}" in output
    assert "localities[" in output


def test_localities_need_a_source(knowledge_copy: Path) -> None:
    regions = knowledge_copy / "regions.yaml"
    text = regions.read_text(encoding="utf-8")
    first = text.index("    localities_source:")
    end = text.index("\n", first)
    regions.write_text(text[:first] + text[end + 1 :], encoding="utf-8")
    code, output = check(knowledge_copy)
    assert code == 1
    assert "localities without a source: please give localities_source for “Region Hannover”" in (
        output
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("vehicle_codes: [HM]", "vehicle_codes: [HM, HI]", "“HI” already belongs to “hildesheim”"),
        ("vehicle_codes: [HM]", "vehicle_codes: [hm]", "vehicle_codes["),
        ("vehicle_codes: [HM]", "vehicle_codes: [HAMELN]", "vehicle_codes["),
    ],
)
def test_broken_registration_codes_are_refused(
    knowledge_copy: Path, old: str, new: str, expected: str
) -> None:
    regions = knowledge_copy / "regions.yaml"
    replace_in_file(regions, old, new)
    code, output = check(knowledge_copy)
    assert code == 1
    assert expected in output
    assert f"regions.yaml, line {line_of(regions, new)}" in output


def test_a_place_outside_lower_saxony_names_its_state_or_country(knowledge_copy: Path) -> None:
    alliances = knowledge_copy / "alliances.yaml"
    replace_in_file(
        alliances,
        "  - name: Wien\n    aliases: [Vienna]\n    country: Österreich\n",
        ("  - name: Wien\n    aliases: [Vienna]\n"),
    )
    code, output = check(knowledge_copy)
    assert code == 1
    assert "“Wien”: please give the German state (state) or, abroad, the country" in output


def test_a_place_abroad_staff_add_is_understood(knowledge_copy: Path) -> None:
    alliances = knowledge_copy / "alliances.yaml"
    text = alliances.read_text(encoding="utf-8").rstrip("\n")
    alliances.write_text(
        text + "\n  - name: Bratislava\n    aliases: [Pressburg]\n    country: Slowakei\n"
        "    source: Test\n",
        encoding="utf-8",
    )
    assert check(knowledge_copy)[0] == 0
    result = PlaceResolver(load_directory(knowledge_copy)).resolve("Pressburg")
    assert isinstance(result, Understood)
    assert result.value == Elsewhere("Bratislava", None, None, "Slowakei")


def test_a_key_given_twice_is_refused_not_silently_dropped(knowledge_copy: Path) -> None:
    regions = knowledge_copy / "regions.yaml"
    replace_in_file(regions, WUNSTORF, "        localities: [Hagenburger Moor]\n" + WUNSTORF)
    code, output = check(knowledge_copy)
    assert code == 1
    assert "The field “localities” appears twice here: delete one of them" in output
    assert f"regions.yaml, line {line_of(regions, WUNSTORF)}" in output
