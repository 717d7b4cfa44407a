"""Uploaded files → pages: text (pasted, or a PDF's text layer) or RGB images for OCR.

PDF text layers are read with pypdf; pages without one (scans) are rendered with pypdfium2. Photos are
JPEG, PNG, WebP, BMP, TIFF, or HEIC/HEIF when pillow-heif is installed. Every failure is an
InvalidInput saying what was wrong and what to do; nothing is kept.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

if TYPE_CHECKING:
    from PIL import Image

from ankang.errors import InvalidInput

MAX_FILE_BYTES = 20 * 1024 * 1024  # a phone photo is 2–8 MB, a scanned multi-page PDF rarely over 20
MAX_PAGES = 10
MAX_PIXELS = 50_000_000  # ~ 8660 × 5770; larger images are refused rather than decoded
MIN_SIDE = 300  # pixels; smaller images cannot hold a readable report
OCR_LONG_SIDE = 1600  # photos are scaled down to this before OCR (speed; text stays legible)
RENDER_DPI = 150  # scanned PDF pages
MIN_TEXT_CHARS = 30  # a PDF page with fewer extractable characters is treated as a scan

Kind = Literal["text", "pdf", "image"]


@dataclass(frozen=True, slots=True)
class Page:
    text: str | None = None
    image: np.ndarray | None = None


@dataclass(frozen=True, slots=True)
class Document:
    kind: Kind
    pages: tuple[Page, ...]


def bad(en: str, zh: str, expression: str = "file") -> InvalidInput:
    return InvalidInput(en, zh=zh, expression=expression)


def sniff(data: bytes) -> Kind | Literal["heic"] | None:
    head = data[:32]
    if head.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"):
        return "heic"
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF8", b"BM", b"II*\x00", b"MM\x00*")) or (
            head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    if b"\x00" not in data[:4096]:
        return "text"
    return None


def read_document(data: bytes) -> Document:
    if not data:
        raise bad("the file is empty", "文件为空，请重新选择文件")
    if len(data) > MAX_FILE_BYTES:
        raise bad(f"the file is over {MAX_FILE_BYTES // 2**20} MB; send a smaller photo or PDF",
                  f"文件超过 {MAX_FILE_BYTES // 2**20} MB，请压缩照片或只上传化验单所在页")
    kind = sniff(data)
    if kind == "pdf":
        return _pdf(data)
    if kind in ("image", "heic"):
        return Document("image", (Page(image=_image(data, heic=kind == "heic")),))
    if kind == "text":
        return Document("text", (Page(text=_decode(data)),))
    raise bad("unsupported file type; send a JPEG/PNG/HEIC photo, a PDF or plain text",
              "不支持的文件类型，请上传 JPEG/PNG/HEIC 照片、PDF 或文本")


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise bad("the text is not UTF-8 or GB18030", "文本编码无法识别，请另存为 UTF-8")


def _image(data: bytes, *, heic: bool = False) -> np.ndarray:
    from PIL import Image, ImageOps, UnidentifiedImageError

    if heic:
        try:
            from pillow_heif import register_heif_opener
        except ImportError as exc:
            raise bad("HEIC photos are not supported on this server; export the photo as JPEG",
                      "此服务器不支持 HEIC 照片，请在手机上导出为 JPEG 后上传") from exc
        register_heif_opener()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data))
            if opened.width * opened.height > MAX_PIXELS:
                raise bad("the image has too many pixels; send a smaller photo", "图片像素过大，请缩小后上传")
            opened.load()
            img = ImageOps.exif_transpose(opened).convert("RGB")
    except InvalidInput:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise bad("the photo could not be opened (damaged or not an image); take the photo again",
                  "照片无法打开（文件损坏或不是图片），请重新拍照上传") from exc
    if min(img.size) < MIN_SIDE:
        raise bad(f"the image is too small to read ({img.width}×{img.height}); photograph the whole report "
                  "close up", f"图片太小（{img.width}×{img.height}），无法识别，请靠近拍摄整张化验单")
    return _fit(img)


def _fit(img: Image.Image) -> np.ndarray:
    """Scale down to OCR_LONG_SIDE (speed; printed text stays legible) and hand over as RGB pixels."""
    from PIL import Image

    scale = OCR_LONG_SIDE / max(img.size)
    if scale < 1:
        img = img.resize((round(img.width * scale), round(img.height * scale)), Image.Resampling.LANCZOS)
    return np.asarray(img, dtype=np.uint8)


def _pdf(data: bytes) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise bad("the PDF is password-protected; open it, save or print it without a password, then "
                      "upload again", "PDF 有密码保护，请去除密码（或另存/打印为新的 PDF）后再上传")
        count = len(reader.pages)
        if count > MAX_PAGES:
            raise bad(f"the PDF has {count} pages; upload at most {MAX_PAGES} (only the report pages)",
                      f"PDF 共 {count} 页，最多 {MAX_PAGES} 页，请只上传化验单所在页")
        texts = [(page.extract_text() or "") for page in reader.pages]
    except InvalidInput:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise bad("the PDF could not be read (damaged?); export it again or send a photo",
                  "PDF 无法读取（可能已损坏），请重新导出或改为上传照片") from exc
    pages = []
    for index, text in enumerate(texts):
        if sum(not ch.isspace() for ch in text) >= MIN_TEXT_CHARS:
            pages.append(Page(text=text))
        else:
            pages.append(Page(image=_render(data, index)))
    return Document("pdf", tuple(pages))


def _render(data: bytes, index: int) -> np.ndarray:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
        try:
            bitmap = pdf[index].render(scale=RENDER_DPI / 72)
            img = bitmap.to_pil().convert("RGB")
        finally:
            pdf.close()
    except pdfium.PdfiumError as exc:
        raise bad("a PDF page could not be rendered; export it again or send a photo",
                  "PDF 页面无法渲染，请重新导出或改为上传照片") from exc
    return _fit(img)
