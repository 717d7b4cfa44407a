"""`make_engine(url)`: SQLite (default, a file in the user's data directory) or PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from ankang.errors import InvalidInput

DB_FILE = "ankang.sqlite3"


def default_data_dir() -> Path:
    """The user's data directory (platformdirs; ~/.local/share/ankang on Linux)."""
    try:
        from platformdirs import user_data_dir
    except ImportError:  # pragma: no cover - platformdirs is a dependency; keep a sane fallback
        return Path.home() / ".local" / "share" / "ankang"
    return Path(user_data_dir("ankang", appauthor=False))


def default_database_url(data_dir: Path | None = None) -> str:
    folder = data_dir or default_data_dir()
    return f"sqlite:///{folder / DB_FILE}"


def make_engine(url: str | None = None, *, data_dir: Path | None = None, echo: bool = False) -> Engine:
    """An engine for `url` (default: the SQLite file in `data_dir`). Nothing connects until first use."""
    url = url or default_database_url(data_dir)
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(url, parsed.database, echo)
    if backend == "postgresql":
        return create_engine(url, echo=echo, pool_pre_ping=True)
    raise InvalidInput(f"unsupported database URL scheme {parsed.drivername!r} (use sqlite or postgresql+psycopg)",
                       zh=f"不支持的数据库地址类型 {parsed.drivername!r}（请使用 sqlite 或 postgresql+psycopg）",
                       expression="ANKANG_DATABASE_URL")


def _sqlite_engine(url: str, database: str | None, echo: bool) -> Engine:
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False, "timeout": 15})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, open transactions, so BEGIN IMMEDIATE below takes effect.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=15000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # One writer at a time: a request's transaction takes the write lock up front, so the
        # audit chain head is read and extended atomically (PostgreSQL uses SELECT … FOR UPDATE).
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
