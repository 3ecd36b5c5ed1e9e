"""Reading a generated .docx back the way Word does: the text, the tables, each run's fonts."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.text.run import Run

W_FONTS = ("ascii", "hAnsi", "eastAsia")


def open_docx(data: bytes) -> DocumentObject:
    return Document(io.BytesIO(data))


def body_text(doc: DocumentObject) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def table_rows(doc: DocumentObject, index: int = -1) -> list[list[str]]:
    """The rows of a table (the last one by default), header first."""
    table = doc.tables[index]
    return [[cell.text for cell in row.cells] for row in table.rows]


def run_fonts(run: Run) -> dict[str, str | None]:
    """The fonts a run names for each script (w:rFonts), East-Asian included."""
    fonts = run._element.rPr.find(qn("w:rFonts")) if run._element.rPr is not None else None
    return {key: (fonts.get(qn(f"w:{key}")) if fonts is not None else None) for key in W_FONTS}


def paragraph_starting(doc: DocumentObject, prefix: str):  # type: ignore[no-untyped-def]
    for paragraph in doc.paragraphs:
        if paragraph.text.startswith(prefix):
            return paragraph
    raise AssertionError(f"no paragraph starts with {prefix!r}")


def to_pdf(docx: Path, outdir: Path) -> Path:
    """LibreOffice's conversion, as a user's “另存为 PDF”."""
    soffice = shutil.which("soffice")
    assert soffice is not None
    profile = outdir / "lo-profile"
    completed = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(docx),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    pdf = outdir / (docx.stem + ".pdf")
    assert completed.returncode == 0 and pdf.exists(), completed.stderr
    return pdf
