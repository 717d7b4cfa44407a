"""Sign-in rate limiting, per (account e-mail, client IP), kept in memory.

In memory on purpose (simple, no write on every attempt): the counts are per process and start
afresh on restart, so a deployment with several worker processes multiplies the allowance by the
number of workers. Every failed sign-in is also written to the audit log, which is durable.
"""

from __future__ import annotations

import hashlib
import threading
from collections import deque
from datetime import datetime, timedelta


class LoginLimiter:
    def __init__(self, max_failures: int = 5, window: timedelta = timedelta(minutes=15),
                 max_keys: int = 100_000) -> None:
        self.max_failures = max_failures
        self.window = window
        self.max_keys = max_keys
        self._failures: dict[str, deque[datetime]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def key(email: str, ip: str) -> str:
        return hashlib.sha256(f"{email.strip().lower()}|{ip}".encode()).hexdigest()

    def blocked(self, key: str, now: datetime) -> bool:
        with self._lock:
            times = self._recent(key, now)
            return len(times) >= self.max_failures

    def fail(self, key: str, now: datetime) -> None:
        with self._lock:
            if len(self._failures) >= self.max_keys:  # bound memory: drop the oldest key
                self._failures.pop(next(iter(self._failures)))
            self._recent(key, now).append(now)

    def succeed(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)

    def _recent(self, key: str, now: datetime) -> deque[datetime]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times
