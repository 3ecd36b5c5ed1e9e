"""Nothing lost: `backup` and `restore` bring back every row, the uploads, readable ID numbers and an intact
audit chain — on whichever database the suite runs (SQLite or PostgreSQL)."""

from __future__ import annotations

import tarfile
from pathlib import Path
from typing import Any

import pytest
from auditlog.models import LogEntry
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from tests.factories import PersonFactory, build_township, writer_for
from tests.support.conftest import photo
from wuji.audit import chain
from wuji.audit.models import SecurityEvent
from wuji.core.services import attachment_store
from wuji.people.models import Person

# serialized_rollback: like every transactional test here, so that the flush between tests leaves the
# database as the next serialized-rollback test expects (Django re-creates content types otherwise).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def every_row() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table Django manages (encrypted fields read back through their decryption)."""
    rows: dict[str, list[tuple[Any, ...]]] = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        names = [f.attname for f in model._meta.concrete_fields]
        rows[model._meta.db_table] = list(model.objects.order_by("pk").values_list(*names))
    return rows


@pytest.fixture
def filled(tmp_path: Path) -> Any:
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        township = build_township()
        people = [PersonFactory(org=township.village_a) for _ in range(3)]
        attachment = attachment_store(
            user=writer_for(township.village_a), org=township.village_a, upload=photo(), allowed=("png",)
        )
        yield township, people, attachment


def test_a_backup_restored_into_an_empty_database_finds_every_row(filled: Any, tmp_path: Path) -> None:
    township, people, attachment = filled
    before = every_row()
    assert before["people_person"] and before["auditlog_logentry"]
    archive = tmp_path / "wuji.backup"

    call_command("backup", str(archive))

    # The backup holds no plaintext ID number or phone: only ciphertext.
    raw = archive.read_bytes()
    for person in people:
        assert person.id_number.encode() not in raw and person.phone.encode() not in raw
    with tarfile.open(archive) as members:
        assert {"manifest.json", f"media/{attachment.file.name}"} <= set(members.getnames())

    # Lose everything: the database emptied, the upload deleted.
    call_command("flush", "--noinput")
    Path(attachment.file.path).unlink()
    assert not Person.objects.exists()

    call_command("restore", str(archive))

    connection.close()  # read through a new connection, as the next request would
    after = every_row()
    # The restore itself is audited: the audit tables may have grown at their end.
    backup_events = {LogEntry._meta.db_table, SecurityEvent._meta.db_table}
    for table, rows in before.items():
        if table in backup_events:
            assert after[table][: len(rows)] == rows, table
        else:
            assert after[table] == rows, table
    restored = Person.objects.get(pk=people[0].pk)
    assert restored.id_number == people[0].id_number and restored.phone == people[0].phone
    assert Path(attachment.file.path).read_bytes() == photo().read()
    assert chain.verify() == []


def test_restore_refuses_a_database_that_holds_data(filled: Any, tmp_path: Path) -> None:
    archive = tmp_path / "wuji.backup"
    call_command("backup", str(archive))
    PersonFactory(org=filled[0].village_b)  # a record made after the backup
    with pytest.raises(CommandError, match="当前数据库已有数据"):
        call_command("restore", str(archive))
    assert Person.objects.count() == 4  # nothing replaced

    call_command("restore", str(archive), "--force")
    assert Person.objects.count() == 3


def test_restore_refuses_other_keys_and_changes_nothing(filled: Any, tmp_path: Path) -> None:
    archive = tmp_path / "wuji.backup"
    call_command("backup", str(archive))
    call_command("flush", "--noinput")
    with override_settings(WUJI_FIELD_KEYS=[Fernet.generate_key().decode()]):
        with pytest.raises(CommandError, match="加密密钥与当前配置不同"):
            call_command("restore", str(archive))
    assert not Person.objects.exists()


def test_restore_refuses_a_file_that_is_not_a_backup(db: None, tmp_path: Path) -> None:
    junk = tmp_path / "junk.tar"
    junk.write_bytes(b"not a tar file at all")
    with pytest.raises(CommandError, match="不是五基的备份文件"):
        call_command("restore", str(junk))
    with pytest.raises(CommandError, match="找不到备份文件"):
        call_command("restore", str(tmp_path / "missing.tar"))
