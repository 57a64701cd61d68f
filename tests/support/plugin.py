"""The pytest plugin of `tests/support` (registered in tests/conftest.py).

`transcripts` plays a script on a driver once per session: the golden-file test and the tests
comparing drivers share the recording.
"""

from __future__ import annotations

import pytest

from tests.support.drivers import record
from tests.support.steps import DriverName, Script
from tests.support.transcript import Transcript


class Recordings:
    def __init__(self, factory: pytest.TempPathFactory) -> None:
        self.factory = factory
        self.played: dict[tuple[str, DriverName], Transcript] = {}

    async def of(self, script: Script, driver: DriverName) -> Transcript:
        key = (script.name, driver)
        if key not in self.played:
            data_dir = self.factory.mktemp(f"{script.name}-{driver}")
            self.played[key] = await record(script, driver, data_dir)
        return self.played[key]


@pytest.fixture(scope="session")
def transcripts(tmp_path_factory: pytest.TempPathFactory) -> Recordings:
    return Recordings(tmp_path_factory)
