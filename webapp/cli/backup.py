"""Backups: a consistent copy of the database and the evidence files, taken while the app runs.

A backup is one .tar.gz holding
    manifest.json      what is inside: the database kind, row counts per table, every evidence
                       file with its size and sha256, when and from where
    database.sqlite    SQLite's online backup (a consistent snapshot, WAL included), or
    database.pgdump    pg_dump's custom format, for PostgreSQL
    evidence/<key>     the evidence files the snapshot refers to

The database is copied first; then the evidence files that the copy refers to. Files are never
changed in place (an upload gets a new name), so the only race is a file deleted between the
two steps: it is listed under "missing" in the manifest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL, make_url

FORMAT = "selfcheck-backup/1"


class BackupError(RuntimeError):
    """A backup or restore that could not be done, with the reason in Chinese."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    tables: dict[str, int]
    files: int
    missing: int
    size: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def row_counts(url: str | URL) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            names = sorted(inspect(connection).get_table_names())
            return {n: connection.execute(text(f'SELECT COUNT(*) FROM "{n}"')).scalar_one() for n in names}
    finally:
        engine.dispose()


def _evidence_keys(url: str | URL) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            if "evidence" not in inspect(connection).get_table_names():
                return []
            return [row[0] for row in connection.execute(text("SELECT storage_key FROM evidence ORDER BY id"))]
    finally:
        engine.dispose()


def _run_pg(tool: str, url: URL, options: list[str], target: str) -> None:
    """Run a PostgreSQL client (pg_dump, pg_restore) with these options, then the server and the
    user of ``url``, then ``target``; a BackupError with the tool's message if it fails."""
    server = ["-h", url.host or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres"]
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    result = subprocess.run([tool, *options, *server, target], env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{tool} 失败：{result.stderr.strip()}")


def _pg_dump_consistently(url: URL, out: Path) -> tuple[dict[str, int], list[str]]:
    """pg_dump and the manifest's figures from one snapshot: a REPEATABLE READ transaction
    exports its snapshot, pg_dump uses it, and the row counts are read in the same transaction."""
    engine = create_engine(url, isolation_level="REPEATABLE READ")
    try:
        with engine.connect() as connection, connection.begin():
            snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            names = sorted(inspect(connection).get_table_names())
            tables = {n: connection.execute(text(f'SELECT COUNT(*) FROM "{n}"')).scalar_one() for n in names}
            keys = (
                [r[0] for r in connection.execute(text("SELECT storage_key FROM evidence ORDER BY id"))]
                if "evidence" in names
                else []
            )
            options = ["-Fc", "--no-owner", f"--snapshot={snapshot}", "-f", str(out)]
            _run_pg("pg_dump", url, options, url.database or "postgres")
    finally:
        engine.dispose()
    return tables, keys


class _Hashing(io.RawIOBase):
    """A file read through, its SHA-256 taken on the way."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        self.digest = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.fh.read(size)
        self.digest.update(data)
        return data


def _add_evidence(archive: tarfile.TarFile, path: Path, key: str) -> dict[str, Any] | None:
    """One evidence file into the archive, read once through an open handle: a file deleted
    while the backup runs is either missing from the start (None: listed as missing) or,
    once opened, read whole all the same."""
    try:
        fh = path.open("rb")
    except FileNotFoundError:
        return None
    with fh:
        size = os.fstat(fh.fileno()).st_size
        info = tarfile.TarInfo(f"evidence/{key}")
        info.size = size
        reader = _Hashing(fh)
        archive.addfile(info, reader)
        return {"key": key, "size": size, "sha256": reader.digest.hexdigest()}


def make_backup(database_uri: str, evidence_dir: Path, out: Path) -> BackupSummary:
    url = make_url(database_uri)
    with tempfile.TemporaryDirectory(prefix="selfcheck-backup-") as work:
        work_dir = Path(work)
        if url.get_backend_name() == "sqlite":
            snapshot = work_dir / "database.sqlite"
            if not url.database or not Path(url.database).exists():
                raise BackupError(f"数据库文件不存在：{url.database}")
            source = sqlite3.connect(url.database)
            target = sqlite3.connect(snapshot)
            try:
                with target:
                    source.backup(target)  # online backup: a consistent snapshot while writers run
            finally:
                target.close()
                source.close()
            snapshot_url = f"sqlite:///{snapshot}"
            db_file, kind = snapshot, "sqlite"
        elif url.get_backend_name() == "postgresql":
            db_file, kind = work_dir / "database.pgdump", "postgresql"
            tables, keys = _pg_dump_consistently(url, db_file)
        else:
            raise BackupError(f"不支持的数据库：{url.get_backend_name()}")
        if kind == "sqlite":
            tables = row_counts(snapshot_url)
            keys = _evidence_keys(snapshot_url)
        files: list[dict[str, Any]] = []
        missing: list[str] = []
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(db_file, arcname=db_file.name)
            for key in keys:
                entry = _add_evidence(archive, evidence_dir / key[:2] / key, key)
                if entry is None:
                    missing.append(key)
                else:
                    files.append(entry)
            manifest = {
                "format": FORMAT,
                "database": kind,
                "created_at": dt.datetime.now(dt.UTC).isoformat(),
                "tables": tables,
                "evidence": files,
                "missing": missing,
            }
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        os.replace(partial, out)
    return BackupSummary(out, tables, len(files), len(missing), out.stat().st_size)


def read_manifest(backup: Path) -> dict[str, Any]:
    try:
        with tarfile.open(backup, "r:gz") as archive:
            member = archive.extractfile("manifest.json")
            if member is None:
                raise KeyError
            manifest: dict[str, Any] = json.loads(member.read())
    except (tarfile.TarError, KeyError, json.JSONDecodeError, OSError) as exc:
        raise BackupError(f"不是 selfcheck 的备份文件：{backup}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"备份格式不认识：{manifest.get('format')}")
    return manifest


def restore_backup(backup: Path, database_uri: str, evidence_dir: Path) -> dict[str, Any]:
    """Replace the database and the evidence files with the backup's; verify what came back."""
    manifest = read_manifest(backup)
    url = make_url(database_uri)
    with tempfile.TemporaryDirectory(prefix="selfcheck-restore-") as work:
        work_dir = Path(work)
        with tarfile.open(backup, "r:gz") as archive:
            archive.extractall(work_dir, filter="data")
        if manifest["database"] != url.get_backend_name():
            raise BackupError(f"备份来自 {manifest['database']} 数据库，不能恢复到 {url.get_backend_name()} 数据库")
        for entry in manifest["evidence"]:
            restored = work_dir / "evidence" / entry["key"]
            if _sha256(restored) != entry["sha256"]:
                raise BackupError(f"备份中的佐证材料已损坏：{entry['key']}")
        if manifest["database"] == "sqlite":
            target = Path(url.database or "")
            target.parent.mkdir(parents=True, exist_ok=True)
            for suffix in ("-wal", "-shm"):
                Path(str(target) + suffix).unlink(missing_ok=True)
            staged = target.with_name(target.name + ".restoring")
            shutil.copy(work_dir / "database.sqlite", staged)
            check = sqlite3.connect(staged)
            try:
                if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise BackupError("备份中的数据库未通过完整性检查")
            finally:
                check.close()
            os.replace(staged, target)
        else:
            options = ["--clean", "--if-exists", "--no-owner", "--single-transaction", "-d", url.database or "postgres"]
            _run_pg("pg_restore", url, options, str(work_dir / "database.pgdump"))
        if evidence_dir.exists():
            shutil.rmtree(evidence_dir)
        for entry in manifest["evidence"]:
            key = entry["key"]
            (evidence_dir / key[:2]).mkdir(parents=True, exist_ok=True)
            shutil.copy(work_dir / "evidence" / key, evidence_dir / key[:2] / key)
    counts = row_counts(database_uri)
    if counts != manifest["tables"]:
        raise BackupError(f"恢复后的数据行数与备份不符：{counts} ≠ {manifest['tables']}")
    return manifest
