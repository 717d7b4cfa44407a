"""Port to optical character recognition. `OcrEngine` is what the domains use.

`RapidOcrEngine` runs RapidOCR (PP-OCRv4 Chinese/English models carried inside the
`rapidocr-onnxruntime` wheel, run by onnxruntime on the CPU): it reads only files inside the installed
package and never touches the network. `FakeOcr` returns scripted boxes for fast tests.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from ankang.errors import UpstreamError

Quad = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]


@dataclass(frozen=True, slots=True)
class OcrBox:
    text: str
    points: Quad  # clockwise from top-left, pixels
    score: float


class OcrEngine(Protocol):
    def read(self, image: np.ndarray) -> list[OcrBox]:
        """Text boxes of an RGB image (H × W × 3, uint8); [] when no text is found."""
        ...


class RapidOcrEngine:
    """RapidOCR with its bundled models, built on first use (about a second) and reused."""

    def __init__(self, *, rec_batch_num: int = 6, det_limit_side_len: int = 736) -> None:
        self.options: dict[str, Any] = {"rec_batch_num": rec_batch_num, "det_limit_side_len": det_limit_side_len,
                                        "use_cls": False}
        self._engine: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._engine is None:
                try:
                    from rapidocr_onnxruntime import RapidOCR
                except ImportError as exc:  # pragma: no cover - the dependency is declared
                    raise UpstreamError("rapidocr-onnxruntime is not installed",
                                        zh="未安装文字识别组件 rapidocr-onnxruntime") from exc
                self._engine = RapidOCR(**self.options)
            return self._engine

    def read(self, image: np.ndarray) -> list[OcrBox]:
        engine = self._load()
        bgr = np.ascontiguousarray(image[:, :, ::-1])  # RapidOCR expects OpenCV's channel order
        result, _ = engine(bgr)
        boxes: list[OcrBox] = []
        for points, text, score in result or []:
            pts = [(float(x), float(y)) for x, y in points]
            if len(pts) == 4 and str(text).strip():
                boxes.append(OcrBox(str(text), (pts[0], pts[1], pts[2], pts[3]), float(score)))
        return boxes


class FakeOcr:
    """Returns scripted box lists, one per call (the last one repeats); records image shapes."""

    def __init__(self, pages: Iterable[Sequence[OcrBox]]) -> None:
        self.pages: deque[list[OcrBox]] = deque(list(p) for p in pages)
        self.calls: list[tuple[int, ...]] = []

    def read(self, image: np.ndarray) -> list[OcrBox]:
        self.calls.append(tuple(image.shape))
        if not self.pages:
            return []
        return self.pages.popleft() if len(self.pages) > 1 else list(self.pages[0])

    @staticmethod
    def rows(lines: Sequence[Sequence[str]], *, x_step: float = 160.0, y_step: float = 40.0) -> list[OcrBox]:
        """Boxes laid out as a clean table: one line per row, one box per cell."""
        out = []
        for i, cells in enumerate(lines):
            y0 = 40.0 + i * y_step
            for j, text in enumerate(cells):
                x0 = 40.0 + j * x_step
                out.append(OcrBox(text, ((x0, y0), (x0 + x_step - 20, y0), (x0 + x_step - 20, y0 + 28),
                                         (x0, y0 + 28)), 0.99))
        return out
