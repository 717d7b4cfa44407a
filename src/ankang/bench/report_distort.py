"""Make a clean render look photographed: rotation, perspective, blur, uneven light (shadow), sensor
noise and JPEG compression, each drawn from the caller's random generator."""

from __future__ import annotations

import io
import random

import numpy as np
from PIL import Image, ImageFilter


def _perspective_coeffs(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> list[float]:
    """Coefficients for Image.transform(PERSPECTIVE) mapping output points `dst` to input points `src`."""
    rows = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(rows, dtype=float)
    b = np.array([c for pt in src for c in pt], dtype=float)
    return [float(c) for c in np.linalg.solve(a, b)]


def photograph(img: Image.Image, rng: random.Random, *, strength: float = 1.0) -> tuple[bytes, tuple[str, ...]]:
    """JPEG bytes of a distorted copy and the names of the distortions applied."""
    applied: list[str] = []
    w, h = img.size
    background = tuple(rng.randint(90, 170) for _ in range(3))
    canvas = Image.new("RGB", (int(w * 1.08), int(h * 1.06)), background)  # the table the page lies on
    canvas.paste(img, ((canvas.width - w) // 2, (canvas.height - h) // 2))
    img = canvas
    w, h = img.size
    angle = rng.uniform(-5, 5) * strength
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=background)
    applied.append(f"rotate {angle:+.1f}°")
    jitter = 0.035 * strength
    corners = [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)]
    moved = [(x + rng.uniform(-jitter, jitter) * w, y + rng.uniform(-jitter, jitter) * h) for x, y in corners]
    img = img.transform((w, h), Image.Transform.PERSPECTIVE, _perspective_coeffs(moved, corners),
                        resample=Image.Resampling.BICUBIC, fillcolor=background)
    applied.append("perspective")
    radius = rng.uniform(0.4, 1.3) * strength
    img = img.filter(ImageFilter.GaussianBlur(radius))
    applied.append(f"blur {radius:.1f}px")
    arr = np.asarray(img, dtype=np.float32)
    yy, xx = np.mgrid[0:h, 0:w]
    theta = rng.uniform(0, 2 * np.pi)
    ramp = (np.cos(theta) * xx / w + np.sin(theta) * yy / h)
    ramp = (ramp - ramp.min()) / max(float(ramp.max() - ramp.min()), 1e-6)
    darkest = 1.0 - rng.uniform(0.25, 0.45) * strength
    light = darkest + (1.0 - darkest) * ramp
    arr *= light[:, :, None] * rng.uniform(0.8, 1.0)
    applied.append(f"shadow to {darkest:.2f}")
    nprng = np.random.default_rng(rng.randrange(2**32))
    sigma = rng.uniform(3, 9) * strength
    arr += nprng.normal(0, sigma, arr.shape)
    applied.append(f"noise σ{sigma:.0f}")
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    quality = rng.randint(40, 75)
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=quality)
    applied.append(f"jpeg q{quality}")
    return out.getvalue(), tuple(applied)


def png_bytes(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()
