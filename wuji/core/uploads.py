"""Uploaded files: refused before they are stored unless small enough and truly of an allowed type.

The type is read from the file's first bytes (its magic number), never from
its name or the browser's claim: a renamed .exe is not a photo.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    extension: str
    mime: str


JPEG = Kind("jpeg", "JPEG 图片", "jpg", "image/jpeg")
PNG = Kind("png", "PNG 图片", "png", "image/png")
PDF = Kind("pdf", "PDF 文件", "pdf", "application/pdf")
DOCX = Kind("docx", "Word 文档", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = Kind("xlsx", "Excel 工作簿", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
KINDS = {k.code: k for k in (JPEG, PNG, PDF, DOCX, XLSX)}
IMAGES = ("jpeg", "png")
DOCUMENTS = ("pdf", "docx", "jpeg", "png")

# An Office file is a zip: at most this many entries and this much unpacked, or it is a bomb.
MAX_ZIP_ENTRIES = 2000
MAX_ZIP_RATIO = 100


def _declares_entities(archive: zipfile.ZipFile) -> bool:
    """Whether an XML part carries a DTD: Office Open XML never does, and a DTD is how entity expansion
    ("billion laughs") and external entities get in. Checked before any parser sees the part; the parts
    are already bounded in size by the bomb check above."""
    for info in archive.infolist():
        if info.filename.endswith((".xml", ".rels", ".vml")):
            with archive.open(info) as part:
                head = part.read(64 * 1024)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                return True
    return False


def sniff(head: bytes, stream: IO[bytes]) -> Kind | None:
    """What the bytes say the file is."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            stream.seek(0)
            with zipfile.ZipFile(stream) as archive:
                names = archive.namelist()
                if len(names) > MAX_ZIP_ENTRIES:
                    raise ValidationError("文件内部条目过多，疑似异常文件，已拒绝")
                packed = sum(i.compress_size for i in archive.infolist()) or 1
                unpacked = sum(i.file_size for i in archive.infolist())
                if unpacked / packed > MAX_ZIP_RATIO or unpacked > 200 * 1024 * 1024:
                    raise ValidationError("文件解压后过大，疑似压缩炸弹，已拒绝")
                if _declares_entities(archive):
                    raise ValidationError("文件内含 XML 实体声明（可被用于实体膨胀攻击），已拒绝")
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names and not any(n.endswith("vbaProject.bin") for n in names):
            return DOCX
        if "xl/workbook.xml" in names and not any(n.endswith("vbaProject.bin") for n in names):
            return XLSX
    return None


@dataclass(frozen=True)
class CheckedUpload:
    kind: Kind
    size: int
    sha256: str


def check_upload(upload: IO[bytes], *, allowed: tuple[str, ...], max_bytes: int | None = None) -> CheckedUpload:
    """Refuse a file that is too large or not of an allowed real type; say which in Chinese."""
    limit = max_bytes or settings.WUJI_UPLOAD_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
    if size == 0:
        raise ValidationError("文件是空的")
    if size > limit:
        raise ValidationError(f"文件过大（{size / 1024 / 1024:.1f} MB），上限为 {limit / 1024 / 1024:.0f} MB")
    upload.seek(0)
    head = upload.read(16)
    kind = sniff(head, upload)
    names = "、".join(KINDS[code].label for code in allowed)
    if kind is None or kind.code not in allowed:
        raise ValidationError(f"文件类型不符：只接受{names}")
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(kind=kind, size=size, sha256=digest.hexdigest())
