"""Settings, read from the environment (prefix ANKANG_) only when the caller builds them."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ANKANG_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = 8000
    knowledge_dir: Path | None = None  # None: the pack shipped inside the package
    max_text_chars: int = 4000  # longest free-text complaint accepted
    demo: bool = False
    # Optional language model behind an OpenAI-compatible endpoint; ankang works fully without one.
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    # Health record: SQLite file in data_dir unless a database URL is given
    # (postgresql+psycopg://user@host:5432/db for PostgreSQL).
    data_dir: Path | None = None  # None: platformdirs' user data dir (e.g. ~/.local/share/ankang)
    database_url: str | None = None
    token_ttl_minutes: int = 60 * 12  # bearer tokens expire after this long
    deletion_grace_days: int = 30  # an account deletion can be undone for this long
    login_max_failures: int = 5  # failed sign-ins per account+IP within the window before refusing
    login_window_minutes: int = 15
