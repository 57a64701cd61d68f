"""The static word vectors' file format and arithmetic (bench/static_vectors.py), on small tables
written in the real format: the distilled table itself is made by bench/distill_vectors.py
with the optional `distill` extra and is not needed here."""

from __future__ import annotations

import math

import pytest

from bench.static_vectors import SIF, StaticVectors, cosine, pack, words_of

HEADER = {"model": "hand-made", "script": "tests/vectors/test_static.py"}


def table(rows: dict[str, tuple[list[int], float]], scale: float = 0.01) -> StaticVectors:
    words = list(rows)
    return StaticVectors(
        pack(HEADER, words, [rows[w][1] for w in words], [rows[w][0] for w in words], scale)
    )


def unit(values: list[float]) -> tuple[float, ...]:
    norm = math.sqrt(sum(v * v for v in values))
    return tuple(v / norm for v in values)


def test_a_packed_table_reads_back_with_its_header_rows_and_frequencies() -> None:
    vectors = table({"pflege": ([100, 0, -20], 3.0), "und": ([0, 50, 0], 7.0)}, scale=0.5)
    assert vectors.header["model"] == "hand-made"
    assert vectors.header["words"] == 2 and vectors.dims == 3
    row = vectors.row("pflege")
    assert row is not None and vectors.vector(row) == (50.0, 0.0, -10.0)
    assert vectors.zipf(row) == 3.0
    assert vectors.row("pfleg") is None and "und" in vectors and "oder" not in vectors


def test_frequent_words_weigh_little_and_words_unknown_to_the_word_lists_fully() -> None:
    vectors = table({"und": ([1, 0], 7.0), "pflege": ([1, 0], 4.0), "bzga": ([1, 0], 0.0)})
    weight = {
        w: vectors.weight(row)
        for w in ("und", "pflege", "bzga")
        if (row := vectors.row(w)) is not None
    }
    assert weight["und"] == pytest.approx(SIF / (SIF + 1e-2))
    assert weight["und"] < 0.1 < 0.9 < weight["pflege"] < weight["bzga"] == 1.0


def test_a_text_is_the_weighted_mean_of_its_words_of_unit_length() -> None:
    vectors = table({"pflege": ([100, 0], 0.0), "und": ([0, 100], 7.0), "kräfte": ([0, 100], 0.0)})
    und = SIF / (SIF + 1e-2)
    assert vectors.embed(["Pflege und"]) == pytest.approx(unit([1.0, und]))
    # Each word counts where it occurs; case, digits and signs do not matter.
    assert vectors.embed(["PFLEGE-Kräfte 2027", "pflege"]) == pytest.approx(unit([2.0, 1.0]))


def test_unknown_words_are_left_out_and_a_text_of_none_has_no_vector() -> None:
    vectors = table({"pflege": ([100, 0], 0.0)})
    assert vectors.embed(["Pflege xyzzy"]) == pytest.approx((1.0, 0.0))
    assert vectors.embed(["xyzzy", ""]) is None


def test_an_unknown_word_is_looked_up_by_its_dictionary_form() -> None:
    vectors = table({"mutter": ([0, 100], 0.0), "company": ([100, 0], 0.0)})
    assert vectors.embed(["Mütter"]) == pytest.approx((0.0, 1.0))
    assert vectors.embed(["companies"]) == pytest.approx((1.0, 0.0))


def test_an_unknown_compound_is_its_known_head_and_the_word_before_it() -> None:
    vectors = table(
        {"weiterbildung": ([100, 0, 0], 0.0), "angebote": ([0, 100, 0], 0.0), "x": ([0, 0, 1], 0)}
    )
    assert vectors.embed(["Weiterbildungsangebote"]) == pytest.approx(unit([1.0, 1.0, 0.0]))
    # A head whose modifier is no known word still says what the compound is.
    assert vectors.embed(["Kursangebote"]) == pytest.approx((0.0, 1.0, 0.0))


def test_cosine_of_unit_vectors() -> None:
    a, b = unit([3.0, 4.0]), unit([4.0, 3.0])
    assert cosine(a, a) == pytest.approx(1.0)
    assert cosine(a, b) == pytest.approx(24 / 25) == cosine(b, a)


def test_words_are_letters_only_in_lower_case() -> None:
    assert words_of("Lehrer*innen besuchen 3 IT-Betriebe; Straße") == [
        "lehrer",
        "innen",
        "besuchen",
        "it",
        "betriebe",
        "straße",
    ]


def test_a_file_that_is_not_a_table_or_is_cut_short_is_refused() -> None:
    data = pack(HEADER, ["pflege"], [0.0], [[1, 2, 3]], 0.1)
    with pytest.raises(ValueError, match="not a static-vectors file"):
        StaticVectors(b"PK" + data)
    with pytest.raises(ValueError, match="cut short"):
        StaticVectors(data[:-1])
