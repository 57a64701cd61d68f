"""Project start and duration in a sponsor's answer: see duration.py.

The rest of the bot uses the two parsers; the reader of dates and the tests import the parts
they name from their modules.
"""

from bot.understanding.periods.duration import parse_duration
from bot.understanding.periods.start import parse_start

__all__ = ["parse_duration", "parse_start"]
