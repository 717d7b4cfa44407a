"""Port to a language model behind an OpenAI-compatible chat endpoint. Optional: ankang never needs one.

`ChatModel` is what the domains use; `OpenAICompatibleChat` talks to a configured endpoint
(a hospital's private deployment, say); `ScriptedChat` is the in-memory fake for tests.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Iterable
from typing import Protocol

from ankang.errors import UpstreamError


class ChatModel(Protocol):
    def complete(self, system: str, user: str) -> str:
        """The model's reply text; raises UpstreamError when the model cannot answer."""
        ...


class OpenAICompatibleChat:
    def __init__(self, base_url: str, model: str, api_key: str | None = None, *, timeout: float = 20.0) -> None:
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self.api_key = api_key
        self.timeout = timeout

    def complete(self, system: str, user: str) -> str:
        body = json.dumps({
            "model": self.model,
            "temperature": 0,
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
        }).encode()
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (configured URL)
                payload = json.load(response)
            return str(payload["choices"][0]["message"]["content"])
        except (urllib.error.URLError, TimeoutError, KeyError, IndexError, ValueError) as exc:
            raise UpstreamError(f"language model at {self.url} failed: {exc}", zh="大模型服务调用失败") from exc


class ScriptedChat:
    """Replies from a script, in order; records what it was asked."""

    def __init__(self, replies: Iterable[str | Exception]) -> None:
        self.replies: deque[str | Exception] = deque(replies)
        self.calls: list[tuple[str, str]] = []

    def complete(self, system: str, user: str) -> str:
        self.calls.append((system, user))
        reply = self.replies.popleft() if self.replies else UpstreamError("no scripted reply left")
        if isinstance(reply, Exception):
            raise reply
        return reply
