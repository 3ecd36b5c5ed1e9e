"""Backup and restore of the whole instance: the database and the uploaded files, in one archive.

A backup is a tar file holding
    manifest.json       engine, time, Django migration state, a check token for the keys
    database.sqlite3    SQLite: a copy made with SQLite's online backup API (consistent while others write)
    database.pgdump     PostgreSQL: `pg_dump --format=custom` (a consistent snapshot)
    media/…             the uploaded attachments (MEDIA_ROOT)

The database holds ID numbers and phones only as ciphertext, so a backup holds no plaintext of them; it
can be read only with the same keys (WUJI_FIELD_KEYS / WUJI_INDEX_KEY). Restoring with other keys would
leave every encrypted column unreadable, so `restore` checks the keys first and refuses.

`restore` replaces the whole database (and the uploads) and refuses a database that already holds
organizations or accounts unless forced: restoring over live data is never an accident.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.db import connections
from django.utils import timezone

from wuji.core import crypto

FORMAT = 1
CHECK_TEXT = "wuji-backup-check"


class BackupError(Exception):
    """A backup or restore that cannot proceed; the message says why, in Chinese."""


@dataclass(frozen=True)
class Manifest:
    format: int
    engine: str  # sqlite or postgresql
    created_at: str
    database: str  # name of the member in the archive
    media_files: int
    key_check: str  # CHECK_TEXT encrypted with the field keys at backup time
    index_check: str  # CHECK_TEXT through the blind index
    migrations: int


def _engine(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"不支持的数据库类型：{vendor}")
    return vendor


def _pg_env(using: str) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump / pg_restore from the Django settings of `using`."""
    conf = connections[using].settings_dict
    args = ["--dbname", conf["NAME"]]
    if conf.get("HOST"):
        args += ["--host", str(conf["HOST"])]
    if conf.get("PORT"):
        args += ["--port", str(conf["PORT"])]
    if conf.get("USER"):
        args += ["--username", str(conf["USER"])]
    env = dict(os.environ)
    if conf.get("PASSWORD"):
        env["PGPASSWORD"] = str(conf["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    tool = command[0]
    if shutil.which(tool) is None:
        raise BackupError(f"找不到 {tool}：请安装 PostgreSQL 客户端（Debian: apt-get install postgresql-client）")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{tool} 失败：{done.stderr.strip()[-500:]}")


def _migration_count(using: str) -> int:
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_migrations")
        return int(cursor.fetchone()[0])


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def backup(path: Path, *, using: str = "default") -> Manifest:
    """Write the archive to `path` (written beside it first, then moved: never a half-written backup)."""
    engine = _engine(using)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wuji-backup-") as work:
        dump = Path(work) / ("database.sqlite3" if engine == "sqlite" else "database.pgdump")
        if engine == "sqlite":
            connection = connections[using]
            connection.ensure_connection()
            target = sqlite3.connect(dump)
            try:
                # The online backup API copies a consistent snapshot while other connections go on writing.
                connection.connection.backup(target)  # type: ignore[union-attr]
            finally:
                target.close()
        else:
            args, env = _pg_env(using)
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(dump), *args], env)
        media = _media_root()
        media_files = [p for p in sorted(media.rglob("*")) if p.is_file()] if media.is_dir() else []
        manifest = Manifest(
            format=FORMAT,
            engine=engine,
            created_at=timezone.now().isoformat(),
            database=dump.name,
            media_files=len(media_files),
            key_check=crypto.encrypt(CHECK_TEXT),
            index_check=crypto.blind_index(CHECK_TEXT, purpose="backup"),
            migrations=_migration_count(using),
        )
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            data = json.dumps(asdict(manifest), ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            info.mtime = int(dt.datetime.now(tz=dt.UTC).timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=dump.name)
            for file in media_files:
                archive.add(file, arcname=f"media/{file.relative_to(media).as_posix()}")
        os.replace(partial, path)
    return manifest


def read_manifest(archive: tarfile.TarFile) -> Manifest:
    try:
        member = archive.getmember("manifest.json")
        raw = archive.extractfile(member)
        data: dict[str, Any] = json.loads(raw.read()) if raw else {}
        manifest = Manifest(**data)
    except (KeyError, ValueError, TypeError) as exc:
        raise BackupError("这不是五基的备份文件（缺少或无法读取 manifest.json）") from exc
    if manifest.format != FORMAT:
        raise BackupError(f"备份文件格式 {manifest.format} 不受支持（应为 {FORMAT}）")
    return manifest


def _check_keys(manifest: Manifest) -> None:
    try:
        same_field_keys = crypto.decrypt(manifest.key_check) == CHECK_TEXT
    except (InvalidToken, ValueError):
        same_field_keys = False
    if not same_field_keys or crypto.blind_index(CHECK_TEXT, purpose="backup") != manifest.index_check:
        raise BackupError(
            "备份使用的加密密钥与当前配置不同：恢复后身份证号和手机号将无法读取。"
            "请配置备份时的 WUJI_FIELD_KEYS 和 WUJI_INDEX_KEY 后再恢复。"
        )


def holds_data(using: str = "default") -> bool:
    """Whether the database already holds organizations or accounts (restoring over it needs --force)."""
    from django.contrib.auth import get_user_model

    from wuji.orgs.models import Organization

    try:
        return Organization.objects.using(using).exists() or get_user_model().objects.using(using).exists()
    except Exception:  # noqa: BLE001 — no tables yet: an empty database
        return False


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in archive.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"备份文件含有不安全的路径：{member.name}")
        members.append(member)
    return members


def restore(path: Path, *, using: str = "default", force: bool = False) -> Manifest:
    """Replace the database (and the uploads) with the archive's; the keys must be the backup's."""
    engine = _engine(using)
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"找不到备份文件：{path}")
    try:
        archive = tarfile.open(path, "r")
    except tarfile.TarError as exc:
        raise BackupError("这不是五基的备份文件（无法作为 tar 归档读取）") from exc
    with archive, tempfile.TemporaryDirectory(prefix="wuji-restore-") as work:
        manifest = read_manifest(archive)
        if manifest.engine != engine:
            raise BackupError(
                f"备份来自 {manifest.engine} 数据库，当前是 {engine}：请在同类数据库上恢复"
                "（跨库迁移请使用台账导出/导入）"
            )
        _check_keys(manifest)
        if holds_data(using) and not force:
            raise BackupError("当前数据库已有数据。恢复会整体替换它；确认请加 --force")
        members = _safe_members(archive)
        archive.extractall(work, members=members, filter="data")
        dump = Path(work) / manifest.database
        if not dump.is_file():
            raise BackupError(f"备份文件缺少数据库部分：{manifest.database}")
        connection = connections[using]
        if engine == "sqlite":
            connection.ensure_connection()
            source = sqlite3.connect(dump)
            try:
                source.backup(connection.connection)  # type: ignore[arg-type]
            finally:
                source.close()
        else:
            connection.close()
            args, env = _pg_env(using)
            _run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    "--exit-on-error",
                    *args,
                    str(dump),
                ],
                env,
            )
        media_source = Path(work) / "media"
        if media_source.is_dir():
            media = _media_root()
            media.mkdir(parents=True, exist_ok=True)
            shutil.copytree(media_source, media, dirs_exist_ok=True)
    return manifest
