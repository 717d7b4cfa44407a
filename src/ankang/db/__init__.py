"""Database plumbing: engine (SQLite or PostgreSQL), declarative base, migrations, unit of work."""

from ankang.db.base import Base, JsonDocument, UTCDateTime
from ankang.db.engine import default_database_url, make_engine
from ankang.db.migrate import migrate
from ankang.db.uow import PendingAudit, UnitOfWork

__all__ = ["Base", "JsonDocument", "UTCDateTime", "PendingAudit", "UnitOfWork", "default_database_url", "make_engine", "migrate"]
