"""A calendar month: the resolution at which projects start and end."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

_ISO = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class YearMonth:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if not 1900 <= self.year <= 2200:
            raise ValueError(f"year out of range: {self.year}")

    @classmethod
    def of(cls, day: date) -> YearMonth:
        return cls(day.year, day.month)

    @classmethod
    def parse_iso(cls, text: str) -> YearMonth:
        match = _ISO.match(text)
        if not match:
            raise ValueError(f"not YYYY-MM: {text!r}")
        return cls(int(match[1]), int(match[2]))

    def plus_months(self, months: int) -> YearMonth:
        index = self.year * 12 + (self.month - 1) + months
        return YearMonth(index // 12, index % 12 + 1)

    def months_until(self, other: YearMonth) -> int:
        """Whole months from self to other, counting both ends (03/2027..03/2027 is 1)."""
        return (other.year - self.year) * 12 + (other.month - self.month) + 1

    def end_month(self, duration_months: int) -> YearMonth:
        """The last month of a project that starts in this month and runs that long."""
        return self.plus_months(duration_months - 1)

    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def display(self) -> str:
        return f"{self.month:02d}/{self.year:04d}"

    def __str__(self) -> str:
        return self.iso()

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        from_text = core_schema.no_info_plain_validator_function(
            lambda value: value if isinstance(value, YearMonth) else cls.parse_iso(value)
        )
        return core_schema.json_or_python_schema(
            json_schema=from_text,
            python_schema=from_text,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda v: v.iso()),
        )
