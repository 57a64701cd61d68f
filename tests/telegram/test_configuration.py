"""Configuration mistakes end in one clear line naming the variable and a non-zero exit code:
never a traceback, never a hanging process, never the secret itself on the screen."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.adapters.telegram.app import serve
from bot.settings import ConfigurationError, load_settings
from tests.botapi import BotApiServer
from tests.support.bot import bot_settings

GOOD_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Nothing from the developer's shell or a `.env` in the working directory."""
    for name in list(os.environ):
        if name.startswith(("TELEGRAM_", "BOT_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path / "data"))


def run_main(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.err


@pytest.mark.parametrize(
    ("variable", "value", "needle"),
    [
        ("TELEGRAM_BOT_TOKEN", "12345:tooshort", "TELEGRAM_BOT_TOKEN"),
        ("TELEGRAM_BOT_TOKEN", "no token at all", "TELEGRAM_BOT_TOKEN"),
        ("TELEGRAM_API_BASE_URL", "notaurl", "TELEGRAM_API_BASE_URL"),
        ("TELEGRAM_API_BASE_FILE_URL", "ftp://files.example.org/bot", "TELEGRAM_API_BASE_FILE_URL"),
        ("BOT_WEBHOOK_URL", "notaurl", "BOT_WEBHOOK_URL"),
        ("BOT_WEBHOOK_URL", "http://bot.example.org/hook", "BOT_WEBHOOK_URL"),
        ("BOT_WEBHOOK_SECRET", "geheimä", "BOT_WEBHOOK_SECRET"),
        ("BOT_WEBHOOK_SECRET", "a" * 257, "BOT_WEBHOOK_SECRET"),
        ("BOT_WEBHOOK_PORT", "99999", "BOT_WEBHOOK_PORT"),
        ("BOT_ADMIN_IDS", "4711, Sachbearbeitung", "'Sachbearbeitung'"),
        ("BOT_DEFAULT_LANGUAGE", "fr", "BOT_DEFAULT_LANGUAGE"),
    ],
)
def test_an_invalid_variable_is_named(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    variable: str,
    value: str,
    needle: str,
) -> None:
    monkeypatch.setenv(variable, value)
    code, err = run_main(capsys, "telegram")
    assert code == 2
    assert needle in err and variable in err
    assert "Traceback" not in err
    if variable == "TELEGRAM_BOT_TOKEN":
        assert value not in err  # a secret is never echoed


def test_a_webhook_without_its_secret_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", GOOD_TOKEN)
    monkeypatch.setenv("BOT_WEBHOOK_URL", "https://bot.example.org/foerderlotse/hook")
    code, err = run_main(capsys, "telegram")
    assert code == 2
    assert "BOT_WEBHOOK_SECRET" in err and "BOT_WEBHOOK_URL" in err


def test_telegram_without_a_token_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run_main(capsys, "telegram")
    assert code == 2
    assert "TELEGRAM_BOT_TOKEN is not set" in err


def test_valid_values_are_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", f"  {GOOD_TOKEN}\n")
    monkeypatch.setenv("BOT_ADMIN_IDS", "4711; 4712,")
    monkeypatch.setenv("BOT_WEBHOOK_URL", "https://bot.example.org:8443/foerderlotse/hook")
    monkeypatch.setenv("BOT_WEBHOOK_SECRET", "Ab-9_" * 10)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:8081/bot")
    settings = load_settings()
    assert settings.telegram_bot_token is not None
    assert settings.telegram_bot_token.get_secret_value() == GOOD_TOKEN
    assert settings.admin_ids == frozenset({4711, 4712})
    assert settings.webhook_url == "https://bot.example.org:8443/foerderlotse/hook"


async def test_the_token_of_the_test_bot_api_has_the_real_shape(server: BotApiServer) -> None:
    settings = load_settings(telegram_bot_token=server.token)
    assert settings.telegram_bot_token is not None


def test_several_mistakes_are_reported_together(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "api.telegram.org/bot")
    monkeypatch.setenv("BOT_RETENTION_MONTHS", "0")
    with pytest.raises(ConfigurationError) as raised:
        load_settings()
    assert "TELEGRAM_API_BASE_URL" in str(raised.value)
    assert "BOT_RETENTION_MONTHS" in str(raised.value)


@pytest.mark.parametrize("command", ["telegram", "chat"])
def test_a_data_directory_that_cannot_be_created_is_named(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    command: str,
) -> None:
    (tmp_path / "a-file").write_text("not a directory")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", GOOD_TOKEN)
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path / "a-file" / "data"))
    code, err = run_main(capsys, command)
    assert code == 1
    assert "BOT_DATA_DIR" in err and "a-file" in err
    assert "Traceback" not in err


async def test_serve_names_a_data_directory_it_cannot_use(
    server: BotApiServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-file").write_text("not a directory")
    assert await serve(bot_settings(server, tmp_path / "a-file" / "data")) == 1
    assert "BOT_DATA_DIR" in capsys.readouterr().err


def test_an_unreachable_bot_api_is_named(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", GOOD_TOKEN)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", f"http://127.0.0.1:{port}/bot")
    code, err = run_main(capsys, "telegram")
    assert code == 1
    assert "TELEGRAM_API_BASE_URL" in err and f"127.0.0.1:{port}" in err
    assert "Traceback" not in err


async def test_a_token_the_bot_api_refuses_is_named(
    server: BotApiServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = bot_settings(server, tmp_path / "data", telegram_bot_token=GOOD_TOKEN)
    assert await serve(settings) == 1
    err = capsys.readouterr().err
    assert "TELEGRAM_BOT_TOKEN" in err and "refused" in err
    assert GOOD_TOKEN not in err
