"""A dialog's change of one entry rewrites only the lines of the fields it changed
(`splice.patch_block`): the rest keeps its comments, flow lists, folded text and names."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.kb.splice import patch_block, split_lines

BLOCK = split_lines(
    """- id: lehrerexkursionen
  title: Lehrerexkursionen  # so in the strategy
  districts: [Hameln-Pyrmont, holzminden]
  description: >-
    Lehrkräfte lernen bei Exkursionen
    Betriebe der Region kennen.
  keywords:
    - exkursion
    - praxistage
  source: Strategie Kap. 3
"""
)
OLD = {
    "id": "lehrerexkursionen",
    "title": "Lehrerexkursionen",
    "districts": ["hameln-pyrmont", "holzminden"],
    "description": "Lehrkräfte lernen bei Exkursionen Betriebe der Region kennen.",
    "keywords": ["exkursion", "praxistage"],
    "source": "Strategie Kap. 3",
    "funding_note": None,
}


def test_only_the_changed_fields_lines_are_rewritten() -> None:
    new = OLD | {"title": "Lehrerexkursionen: neu", "keywords": [], "funding_note": "ESF+"}
    patched = patch_block(BLOCK, OLD, new)
    assert patched == [
        "- id: lehrerexkursionen\n",
        "  title: 'Lehrerexkursionen: neu'\n",
        "  districts: [Hameln-Pyrmont, holzminden]\n",  # the name as written stays
        "  description: >-\n",
        "    Lehrkräfte lernen bei Exkursionen\n",
        "    Betriebe der Region kennen.\n",
        "  source: Strategie Kap. 3\n",
        "  funding_note: ESF+\n",
    ]


TYPED = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))
"""What staff type into one line (a colon, quotes, a hash, umlauts, emoji)."""


@settings(deadline=None, max_examples=60)
@given(
    title=st.text(TYPED, min_size=1, max_size=40).filter(lambda t: t.strip() == t and t),
    source=st.text(TYPED, min_size=3, max_size=40).filter(lambda t: t.strip() == t and t),
    keywords=st.lists(st.text(TYPED, min_size=1, max_size=12).filter(str.strip), max_size=3),
)
def test_the_patched_entry_reads_as_the_new_value(
    title: str, source: str, keywords: list[str]
) -> None:
    new = OLD | {"title": title, "source": source, "keywords": keywords}
    patched = patch_block(BLOCK, OLD, new)
    assert patched is not None
    (entry,) = yaml.safe_load("".join(patched))
    expected = {k: v for k, v in new.items() if v not in (None, [])}
    # fields kept as written read as they were written (a name instead of a code)
    assert entry | {"districts": OLD["districts"]} == expected
