"""The pure access decision, table-driven: owner, guardian, relative, doctor, research, revocation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ankang.engines.access import AccessRequest, Grant, Principal, decide, readable_types
from ankang.fhir.consent import ConsentTerms

NOW = datetime(2025, 6, 1, tzinfo=UTC)
P = "pat-a"
OWNER = Principal("acct-a", "person", P)
OTHER = Principal("acct-b", "person", "pat-b")
RELATIVE = Principal("acct-r", "person", "pat-r")
GUARDIAN = Principal("acct-g", "person", "pat-g")
DOCTOR = Principal("doc-1", "doctor", None)
OTHER_DOCTOR = Principal("doc-2", "doctor", None)


def consent(purpose: str, grantee: str | None = None, types: tuple[str, ...] = (), active: bool = True,
            end: datetime | None = None) -> ConsentTerms:
    return ConsentTerms(f"c-{purpose}", P, purpose, grantee, frozenset(types), active, NOW - timedelta(days=1), end)


def grant(grantee: str, kind: str = "relative", access: str = "read", types: tuple[str, ...] = (),
          revoked: datetime | None = None, expires: datetime | None = None) -> Grant:
    return Grant("g1", P, grantee, kind, access, frozenset(types), expires, revoked)  # type: ignore[arg-type]


STORE = consent("store_record")
SHARE_OBS = consent("share_with", "doc-1", ("Observation",))
READ_GRANT = grant("acct-r")
RW_GRANT = grant("acct-r", access="read_write", types=("Observation",))
GUARDIAN_GRANT = grant("acct-g", kind="guardian", access="read_write")

CASES = [
    # (who, action, type, consents, grants, allowed)
    (OWNER, "read", "Condition", [], [], True),
    (OWNER, "write", "Condition", [STORE], [], True),
    (OWNER, "write", "Condition", [], [], False),  # no store_record consent
    (OWNER, "write", "Condition", [consent("store_record", active=False)], [], False),  # revoked
    (OWNER, "write", "Condition", [consent("store_record", end=NOW)], [], False),  # expired
    (OWNER, "manage", "Consent", [], [], True),
    (OTHER, "read", "Condition", [STORE], [], False),
    (OTHER, "write", "Condition", [STORE], [], False),
    (RELATIVE, "read", "Condition", [STORE], [READ_GRANT], True),
    (RELATIVE, "write", "Condition", [STORE], [READ_GRANT], False),  # read-only grant
    (RELATIVE, "manage", "Consent", [STORE], [READ_GRANT], False),
    (RELATIVE, "write", "Observation", [STORE], [RW_GRANT], True),
    (RELATIVE, "read", "Condition", [STORE], [RW_GRANT], False),  # not in the grant's types
    (RELATIVE, "read", "Condition", [STORE], [grant("acct-r", revoked=NOW)], False),
    (RELATIVE, "read", "Condition", [STORE], [grant("acct-r", expires=NOW - timedelta(seconds=1))], False),
    (GUARDIAN, "manage", "Consent", [], [GUARDIAN_GRANT], True),
    (GUARDIAN, "write", "Condition", [STORE], [GUARDIAN_GRANT], True),
    (GUARDIAN, "write", "Condition", [], [GUARDIAN_GRANT], False),
    (DOCTOR, "read", "Observation", [SHARE_OBS], [], True),
    (DOCTOR, "read", "Condition", [SHARE_OBS], [], False),  # minimum necessary: only what is shared
    (DOCTOR, "write", "Observation", [STORE, SHARE_OBS], [], False),
    (DOCTOR, "read", "Observation", [consent("share_with", "doc-1", active=False)], [], False),
    (OTHER_DOCTOR, "read", "Observation", [SHARE_OBS], [], False),
    (DOCTOR, "read", "Observation", [], [], False),
]


@pytest.mark.parametrize(("who", "action", "rtype", "consents", "grants", "allowed"), CASES)
def test_decide(who: Principal, action: str, rtype: str, consents: list[ConsentTerms], grants: list[Grant],
                allowed: bool) -> None:
    decision = decide(who, AccessRequest(action, P, rtype, NOW), consents, grants)  # type: ignore[arg-type]
    assert decision.allowed is allowed, decision
    assert decision.reason


def test_device_data_needs_device_sync_consent() -> None:
    req = AccessRequest("write", P, "Observation", NOW, "device_sync")
    assert not decide(OWNER, req, [STORE], [])
    assert decide(OWNER, req, [STORE, consent("device_sync")], [])


def test_research_reads_need_research_consent() -> None:
    req = AccessRequest("read", P, "Observation", NOW, "research")
    assert not decide(DOCTOR, req, [STORE], [])
    assert decide(DOCTOR, req, [consent("research_deidentified")], [])


def test_consents_of_another_patient_do_not_count() -> None:
    foreign = ConsentTerms("x", "pat-b", "share_with", "doc-1", frozenset(), True, None, None)
    assert not decide(DOCTOR, AccessRequest("read", P, "Observation", NOW), [foreign], [])


def test_readable_types_is_the_shared_subset() -> None:
    types = readable_types(DOCTOR, P, ["Condition", "Observation", "Patient"], NOW, [SHARE_OBS], [])
    assert types == {"Observation"}
