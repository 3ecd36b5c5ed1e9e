"""Uploaded files: checked for size, real type and decompression bombs before anything is stored,
and served only to those whose scope covers their org.

Files are made here, small and real: a PNG and a JPEG by hand, a PDF from its header, a DOCX
with python-docx; the bad ones are what an attacker or a careless user would send.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.activities.conftest import activity_type, days_ago, make_docx, make_jpeg, make_pdf, make_png
from tests.factories import Township, make_full_member, writer_for
from wuji.activities import services
from wuji.activities.models import Activity
from wuji.activities.services import Presence
from wuji.core.models import Attachment
from wuji.core.uploads import DOCUMENTS, check_upload

pytestmark = pytest.mark.django_db


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def office_zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# ---------------------------------------------------------------- check_upload


@pytest.mark.parametrize(
    ("name", "make", "kind"),
    [
        ("照片.png", make_png, "png"),
        ("照片.jpg", make_jpeg, "jpeg"),
        ("纪要.pdf", make_pdf, "pdf"),
        ("纪要.docx", make_docx, "docx"),
    ],
)
def test_real_small_files_are_accepted(name: str, make: Any, kind: str) -> None:
    content = make()
    checked = check_upload(upload(name, content), allowed=DOCUMENTS)
    assert checked.kind.code == kind and checked.size == len(content) and len(checked.sha256) == 64


def test_the_type_comes_from_the_bytes_not_the_name() -> None:
    checked = check_upload(upload("看起来像文档.docx", make_png()), allowed=DOCUMENTS)
    assert checked.kind.code == "png"


def test_a_file_over_the_limit_is_refused(settings: Any) -> None:
    settings.WUJI_UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("大照片.png", make_png() + b"\x00" * 2048), allowed=DOCUMENTS)
    assert "文件过大" in str(refused.value)


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ValidationError):
        check_upload(upload("空.png", b""), allowed=DOCUMENTS)


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 100,  # a Windows program
        "这是一个文本文件，不是照片。".encode(),
        b"<html><script>alert(1)</script></html>",
    ],
    ids=["exe", "txt", "html"],
)
def test_a_renamed_file_is_refused(content: bytes) -> None:
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("照片.jpg", content, "image/jpeg"), allowed=DOCUMENTS)
    assert "文件类型不符" in str(refused.value)


@pytest.mark.parametrize(
    ("name", "entries"),
    [
        (
            "宏.docm",
            {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>", "word/vbaProject.bin": b"VBA"},
        ),
        (
            "宏.xlsm",
            {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>", "xl/vbaProject.bin": b"VBA"},
        ),
    ],
    ids=["docm", "xlsm"],
)
def test_office_files_with_macros_are_refused(name: str, entries: dict[str, bytes]) -> None:
    with pytest.raises(ValidationError):
        check_upload(upload(name, office_zip(entries)), allowed=(*DOCUMENTS, "xlsx"))


def test_a_zip_bomb_is_refused() -> None:
    # 20 MB of zeros packs into ~20 KB: a ratio near 1000, where 100 is the limit.
    bomb = office_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\x00" * (20 * 1024 * 1024)})
    assert len(bomb) < 100 * 1024
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("报告.docx", bomb), allowed=DOCUMENTS)
    assert "压缩炸弹" in str(refused.value)


def test_a_broken_zip_is_refused() -> None:
    with pytest.raises(ValidationError):
        check_upload(upload("坏.docx", b"PK\x03\x04" + b"\x00" * 64), allowed=DOCUMENTS)


# ---------------------------------------------------------------- through the activity form


@pytest.fixture
def members(township: Township) -> list[Any]:
    return [make_full_member(org=township.village_a, name=name) for name in ("张建国", "李秀英")]


def form_data(township: Township, members: list[Any]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "org": township.village_a.pk,
        "type": activity_type("group_study").pk,
        "held_on": days_ago(1).isoformat(),
        "topic": "学习党章",
        "listed": ",".join(str(m.pk) for m in members),
    }
    return data | {f"present_{m.pk}": "on" for m in members}


def test_the_form_accepts_photos_pdf_and_docx_together(
    township: Township, members: list[Any], secretary_a: Any, client_for: Any, media: Path
) -> None:
    files = [
        upload("会场.png", make_png(), "image/png"),
        upload("合影.jpg", make_jpeg(), "image/jpeg"),
        upload("通知.pdf", make_pdf(), "application/pdf"),
        upload("纪要.docx", make_docx()),
    ]
    response = client_for(secretary_a).post(
        reverse("activities:create"), form_data(township, members) | {"attachments": files}
    )
    assert response.status_code == 302, response.content.decode()
    kinds = sorted(Activity.objects.get().attachments.values_list("kind", flat=True))
    assert kinds == ["docx", "jpeg", "pdf", "png"]
    assert len(stored_files(media)) == 4


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (lambda: upload("照片.jpg", b"MZ\x90\x00" + b"\x00" * 200, "image/jpeg"), "文件类型不符"),
        (lambda: upload("备注.txt", "只是文字".encode(), "text/plain"), "文件类型不符"),
        (
            lambda: upload(
                "宏.docm",
                office_zip({"word/document.xml": b"<w:document/>", "word/vbaProject.bin": b"VBA"}),
            ),
            "文件类型不符",
        ),
        (lambda: upload("大.png", make_png() + b"\x00" * 4096, "image/png"), "文件过大"),
    ],
    ids=["exe-as-jpg", "txt", "docm", "too-large"],
)
def test_a_refused_upload_writes_nothing(
    bad: Any,
    message: str,
    township: Township,
    members: list[Any],
    secretary_a: Any,
    client_for: Any,
    media: Path,
    settings: Any,
) -> None:
    settings.WUJI_UPLOAD_MAX_BYTES = 2048
    files = [upload("会场.png", make_png(), "image/png"), bad()]
    response = client_for(secretary_a).post(
        reverse("activities:create"), form_data(township, members) | {"attachments": files}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Activity.objects.exists() and not Attachment.objects.exists()
    assert stored_files(media) == []


def test_the_service_checks_every_file_before_storing_any(township: Township, members: list[Any], media: Path) -> None:
    with pytest.raises(ValidationError):
        services.activity_record(
            user=writer_for(township.village_a),
            org=township.village_a,
            type=activity_type("group_study"),
            held_on=days_ago(1),
            topic="学习",
            presence=[Presence(members[0], True)],
            uploads=[upload("好.png", make_png()), upload("坏.jpg", b"not a photo")],
        )
    assert not Activity.objects.exists() and not Attachment.objects.exists()
    assert stored_files(media) == []


# ---------------------------------------------------------------- the download URL


@pytest.fixture
def attachments(township: Township, members: list[Any], media: Path) -> dict[str, Attachment]:
    activity = services.activity_record(
        user=writer_for(township.village_a),
        org=township.village_a,
        type=activity_type("group_study"),
        held_on=days_ago(1),
        topic="学习",
        presence=[Presence(members[0], True)],
        uploads=[upload("会场.png", make_png()), upload("纪要.docx", make_docx())],
    )
    return {a.kind: a for a in activity.attachments.all()}


def test_another_branchs_secretary_gets_404(attachments: dict[str, Attachment], secretary_b: Any, client_for: Any):
    client = client_for(secretary_b)
    for attachment in attachments.values():
        assert client.get(reverse("attachment", args=[attachment.pk])).status_code == 404


def test_the_owner_gets_the_file_with_its_real_type(
    attachments: dict[str, Attachment], secretary_a: Any, client_for: Any
) -> None:
    client = client_for(secretary_a)
    photo = client.get(reverse("attachment", args=[attachments["png"].pk]))
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/png" and photo["X-Content-Type-Options"] == "nosniff"
    assert b"".join(photo.streaming_content) == make_png()
    assert "attachment" not in photo.get("Content-Disposition", "")  # a photo shows inline
    document = client.get(reverse("attachment", args=[attachments["docx"].pk]))
    assert document.status_code == 200 and document["X-Content-Type-Options"] == "nosniff"
    assert document["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert document["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize("persona", ["auditor", "sysadmin"])
def test_no_member_data_role_gets_a_file(
    persona: str, attachments: dict[str, Attachment], request: Any, client_for: Any
) -> None:
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("attachment", args=[attachments["png"].pk])).status_code == 403


def test_anonymous_is_sent_to_login(attachments: dict[str, Attachment], client: Any) -> None:
    response = client.get(reverse("attachment", args=[attachments["png"].pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]
