"""A plain install (and the Docker image) must carry the knowledge base and the catalogues."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _config() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        setuptools: dict[str, object] = tomllib.load(handle)["tool"]["setuptools"]
    return setuptools


def test_every_package_is_listed() -> None:
    listed = set(_config()["packages"])  # type: ignore[call-overload]
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "bot").rglob("__init__.py")
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_data_files_are_package_data() -> None:
    package_data: dict[str, list[str]] = _config()["package-data"]  # type: ignore[assignment]
    mapped = {"bot.shipped_knowledge": ROOT / "knowledge", "bot.texts": ROOT / "bot" / "texts"}
    for package, directory in mapped.items():
        for path in directory.rglob("*.yaml"):
            relative = path.relative_to(directory).as_posix()
            assert any(fnmatch(relative, pattern) for pattern in package_data[package]), relative
