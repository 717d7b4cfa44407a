"""Alembic environment: runs on the connection `ankang.db.migrate` hands over (online only)."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - ankang always passes a connection
    raise RuntimeError("run migrations through ankang.db.migrate(engine)")

context.configure(connection=connection, target_metadata=None, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
