"""Configuration from the environment or `.env`, validated once at start-up.

The variable names are a contract with deployments (and the README): keep them exactly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def _env(name: str) -> AliasChoices:
    return AliasChoices(name)


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
            return frozenset(int(part) for part in parts if part)
        return value

    @field_validator("telegram_bot_token", "webhook_secret", "webhook_url", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_token_charset(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram accepts 1-256 characters A-Z, a-z, 0-9, _ and - as secret_token.
        if value is not None:
            secret = value.get_secret_value()
            if not (1 <= len(secret) <= 256) or not all(c.isalnum() or c in "_-" for c in secret):
                raise ValueError("only letters, digits, _ and - (1 to 256 characters)")
        return value

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
            field = problem["loc"][0] if problem["loc"] else "?"
            name = (
                Settings.model_fields[str(field)].validation_alias
                if str(field) in Settings.model_fields
                else field
            )
            env_name = name.choices[0] if isinstance(name, AliasChoices) else name
            lines.append(f"{env_name}: {problem['msg']}")
        raise ConfigurationError("invalid configuration:\n  " + "\n  ".join(lines)) from None
