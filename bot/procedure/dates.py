"""Calendar arithmetic of the procedure: months after a day, project length, reminder time."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time

REMINDER_TIME = time(7, 0, tzinfo=UTC)
"""Reminders go out in the morning: 8 or 9 o'clock in Lower Saxony."""


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), the month's last day if it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def project_months(start: date, end: date) -> int:
    """How many calendar months a project from `start` to `end` (both included) touches:
    January to December of one year is 12."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def morning(day: date) -> datetime:
    return datetime.combine(day, REMINDER_TIME)


def months_before(moment: datetime, months: int) -> datetime:
    """The same moment that many months earlier (as the retention purge counts)."""
    day = add_months(moment.date(), -months)
    return moment.replace(year=day.year, month=day.month, day=day.day)
