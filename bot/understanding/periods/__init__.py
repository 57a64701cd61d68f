"""Project start and duration in a sponsor's answer. Each module's docstring says its rules:

* when.py: points in time as written ("03/2027", "März 2027", "Q2 2027", "Sommer 2027",
  "Ende 2027", "WS 2027/28", "nach den Sommerferien"), each reading with the months it spans.
* names.py: the words it reads them by, as data: month names, seasons, parts of a year,
  ordinals, units, Lower Saxony's school holidays.
* start.py: `parse_start` — the start, from a point in time, "ab sofort" or "in 3 Monaten";
  a month without a year is the next one; the years a start may lie in.
* duration.py: `parse_duration` — a length ("18 Monate", "2,5 Jahre"), a period between two
  points in time, or an end counted from the start; `months_msg`.

The rest of the bot uses the two parsers; the reader of dates and the tests import the parts
they name from their modules.
"""

from bot.understanding.periods.duration import parse_duration
from bot.understanding.periods.start import parse_start

__all__ = ["parse_duration", "parse_start"]
