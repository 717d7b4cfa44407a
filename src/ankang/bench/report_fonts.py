"""Fonts that can render Chinese reports for the benchmark corpus.

Looked for, in order: the `mplfonts` package from PyPI (Noto Sans/Serif CJK SC, Source Han; SIL Open Font
License; in the `dev` extra), then system fonts (Debian's `fonts-noto-cjk`, WenQuanYi). SimHei, also
shipped by mplfonts, is skipped: it is not openly licensed.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from ankang.errors import KnowledgeGap

_SYSTEM_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")
_CJK_HINTS = ("cjk", "sourcehan", "wqy", "wenquanyi", "droidsansfallback")
_SKIP = ("simhei", "bold", "black", "light", "thin", "medium", "heavy", "semibold", "extralight")


def _package_fonts() -> list[Path]:
    spec = importlib.util.find_spec("mplfonts")  # found without importing it (it imports matplotlib)
    if spec is None or not spec.submodule_search_locations:
        return []
    folder = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    return sorted(folder.glob("*.[ot]t[fc]")) if folder.is_dir() else []


def _system_fonts() -> list[Path]:
    found: list[Path] = []
    for base in _SYSTEM_DIRS:
        if base.is_dir():
            found.extend(p for p in base.rglob("*") if p.suffix.lower() in (".otf", ".ttf", ".ttc"))
    return sorted(found)


def cjk_fonts() -> list[Path]:
    """Regular-weight CJK font files available here (may be empty)."""
    out = []
    for path in [*_package_fonts(), *_system_fonts()]:
        name = path.name.casefold()
        if any(h in name for h in _CJK_HINTS) and not any(s in name for s in _SKIP):
            out.append(path)
    return list(dict.fromkeys(out))


def require_cjk_fonts() -> list[Path]:
    fonts = cjk_fonts()
    if not fonts:
        raise KnowledgeGap(
            "no CJK font found: pip install mplfonts (in the dev extra) or apt-get install fonts-noto-cjk",
            zh="找不到中文字体：请 pip install mplfonts（已在 dev 依赖中）或 apt-get install fonts-noto-cjk")
    return fonts


def main() -> int:
    """Exit status 0 when a CJK font is available (used by the Makefile's install step)."""
    return 0 if cjk_fonts() else 1


if __name__ == "__main__":
    raise SystemExit(main())
