"""Configuration from the environment or `.env`, validated once at start-up.

The variable names are a contract with deployments (and the README): keep them exactly.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def _env(name: str) -> AliasChoices:
    return AliasChoices(name)


TOKEN = re.compile(r"[0-9]+:[A-Za-z0-9_-]{30,}")
"""What @BotFather hands out: the bot's id, a colon, 35 URL-safe characters."""
SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
"""Telegram's rule for setWebhook's secret_token."""


def _check_url(value: str, *, https_only: bool = False) -> str:
    parts = urlsplit(value.strip())
    if https_only and (parts.scheme != "https" or not parts.hostname):
        raise ValueError("an https:// URL is needed, e.g. https://bot.example.org/telegram")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("an http:// or https:// URL is needed, e.g. https://api.telegram.org/bot")
    return value.strip()


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    telegram_bot_token: SecretStr | None = Field(
        default=None, validation_alias=_env("TELEGRAM_BOT_TOKEN")
    )
    telegram_api_base_url: str = Field(
        default="https://api.telegram.org/bot", validation_alias=_env("TELEGRAM_API_BASE_URL")
    )
    telegram_api_base_file_url: str = Field(
        default="https://api.telegram.org/file/bot",
        validation_alias=_env("TELEGRAM_API_BASE_FILE_URL"),
    )
    data_dir: Path = Field(default=Path("data"), validation_alias=_env("BOT_DATA_DIR"))
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(
        default=frozenset(), validation_alias=_env("BOT_ADMIN_IDS")
    )
    default_language: Literal["de", "en"] = Field(
        default="de", validation_alias=_env("BOT_DEFAULT_LANGUAGE")
    )
    webhook_url: str | None = Field(default=None, validation_alias=_env("BOT_WEBHOOK_URL"))
    webhook_port: int = Field(
        default=8443, ge=1, le=65535, validation_alias=_env("BOT_WEBHOOK_PORT")
    )
    webhook_secret: SecretStr | None = Field(
        default=None, validation_alias=_env("BOT_WEBHOOK_SECRET")
    )
    retention_months: int = Field(
        default=12, ge=1, le=120, validation_alias=_env("BOT_RETENTION_MONTHS")
    )
    rate_limiter: bool = Field(default=True, validation_alias=_env("BOT_RATE_LIMITER"))
    """Guards Telegram's limits in production; the load benchmark switches it off."""

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [part.strip() for part in value.replace(";", ",").split(",")]
            wrong = [part for part in parts if part and not part.lstrip("-").isdigit()]
            if wrong:
                raise ValueError(
                    f"comma-separated numeric Telegram user ids expected, not {wrong[0]!r}"
                )
            return frozenset(int(part) for part in parts if part)
        return value

    @field_validator("telegram_bot_token", "webhook_secret", "webhook_url", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_format(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not TOKEN.fullmatch(value.get_secret_value().strip()):
            # The value itself is never repeated: it is a secret.
            raise ValueError("not a bot token from @BotFather (digits, a colon, 35 characters)")
        return SecretStr(value.get_secret_value().strip()) if value is not None else None

    @field_validator("telegram_api_base_url", "telegram_api_base_file_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        return _check_url(value)

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        # Telegram delivers webhooks over HTTPS only.
        return _check_url(value, https_only=True) if value is not None else None

    @field_validator("webhook_secret")
    @classmethod
    def _secret_token_charset(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not SECRET_TOKEN.fullmatch(value.get_secret_value()):
            raise ValueError("only A-Z, a-z, 0-9, _ and - (1 to 256 characters)")
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        # Without the secret anyone who finds the URL could post forged updates.
        if self.webhook_url is not None and self.webhook_secret is None:
            raise ValueError(
                "BOT_WEBHOOK_SECRET: required when BOT_WEBHOOK_URL is set "
                "(1 to 256 characters A-Z, a-z, 0-9, _ and -)"
            )
        return self

    @property
    def database_path(self) -> Path:
        return self.data_dir / "foerderlotse.sqlite3"


class ConfigurationError(Exception):
    """Raised with a message naming every invalid variable."""


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        lines = []
        for problem in error.errors(include_url=False):
            message = str(problem["msg"]).removeprefix("Value error, ")
            if not problem["loc"]:  # a rule about several variables names them itself
                lines.append(message)
                continue
            field = problem["loc"][0]
            name = (
                Settings.model_fields[str(field)].validation_alias
                if str(field) in Settings.model_fields
                else field
            )
            env_name = name.choices[0] if isinstance(name, AliasChoices) else name
            lines.append(f"{env_name}: {message}")
        raise ConfigurationError("invalid configuration:\n  " + "\n  ".join(lines)) from None
