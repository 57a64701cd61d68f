"""Target groups in a sponsor's own words (knowledge/target_groups.yaml): see finder.py.

The rest of the bot uses the one entry point `group_finder`; the reader of a message and the
tests import the parts they name from their modules.
"""

from bot.understanding.groups.finder import group_finder

__all__ = ["group_finder"]
