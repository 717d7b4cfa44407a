"""`ankang audit verify`: check the hash chain of the audit log; `ankang accounts purge`."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ankang.config import Settings
from ankang.db import UnitOfWork, make_engine, migrate
from ankang.domains.audit import service as audit_service
from ankang.domains.people import service as people_service


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audit = sub.add_parser("audit", help="audit log tools / 审计日志").add_subparsers(dest="audit_command", required=True)
    verify = audit.add_parser("verify", help="detect edited, inserted or deleted audit entries / 校验审计链")
    verify.add_argument("--database-url", default=None, help="default: ANKANG_DATABASE_URL or the SQLite file")
    verify.add_argument("--json", action="store_true", help="print the result as JSON")
    verify.set_defaults(func=_verify)
    accounts = sub.add_parser("accounts", help="account maintenance / 账户维护").add_subparsers(
        dest="accounts_command", required=True)
    purge = accounts.add_parser("purge", help="delete accounts whose deletion grace period is over / 清除已注销账户")
    purge.add_argument("--database-url", default=None)
    purge.set_defaults(func=_purge)


def _engine(url: str | None) -> tuple[Engine, Settings]:
    settings = Settings()
    engine = make_engine(url or settings.database_url, data_dir=settings.data_dir)
    migrate(engine)
    return engine, settings


def _verify(args: argparse.Namespace) -> int:
    engine, _ = _engine(args.database_url)
    try:
        with Session(engine) as session:
            report = audit_service.verify(session)
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps({"ok": report.ok, "checked": report.checked, "first_bad_seq": report.first_bad_seq,
                          "problem": report.problem}, ensure_ascii=False))
    elif report.ok:
        print(f"审计链完好 / audit chain intact: {report.checked} entries")
    else:
        print(f"审计链被篡改 / audit chain BROKEN at entry {report.first_bad_seq}: {report.problem}")
    return 0 if report.ok else 1


def _purge(args: argparse.Namespace) -> int:
    engine, settings = _engine(args.database_url)
    now = datetime.now(UTC)
    try:
        with Session(engine, expire_on_commit=False) as session:
            uow = UnitOfWork(session=session, now=now)
            purged = people_service.purge_due(uow, timedelta(days=settings.deletion_grace_days))
            audit_service.append(session, uow.audit, now)
            session.commit()
    finally:
        engine.dispose()
    print(f"已清除 / purged {len(purged)} accounts")
    return 0
