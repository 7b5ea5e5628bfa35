"""Evidence files (佐证材料) as one save handles them, for the self-assessment's pages and for the
整改报告 alike: each upload received and checked on disk before the write transaction, its row
and audit event inside it within the per-item limit and the school's quota, and the files of
removed or refused uploads taken off the disk only once the transaction is over.

A "slot" is where a file belongs and where its refusal is shown: an item id on the
self-assessment's pages, a task id in the 整改报告."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from flask import current_app
from sqlalchemy import func, select

from webapp.audit import record_on
from webapp.extensions import db
from webapp.models import Assessment, Evidence, User
from webapp.school.storage import EvidenceRejected, EvidenceStore, StoredFile, clean_name

FileErrors = dict[Any, list[str]]


@dataclass
class Received:
    """An upload checked and on disk, before its row exists."""

    slot: Any
    name: str
    file: StoredFile


@dataclass
class FileChanges:
    """What a save did with the disk: the received files it kept, the storage keys it removed."""

    kept: list[Received] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def receive(
    store: EvidenceStore, uploads: Iterable[tuple[Any, str, BinaryIO]], file_errors: FileErrors
) -> list[Received]:
    """Each upload (slot, file name, stream) copied to disk and checked, outside any
    transaction; a refusal is noted under its slot."""
    received = []
    for slot, filename, stream in uploads:
        name = clean_name(filename)
        try:
            received.append(Received(slot, name, store.receive(stream, name)))
        except EvidenceRejected as exc:
            file_errors.setdefault(slot, []).append(f"《{name}》未保存：{exc}")
    return received


@contextmanager
def files_settled(store: EvidenceStore, received: list[Received]) -> Iterator[FileChanges]:
    """Around a save's transaction: when it fails every received file leaves the disk; when it
    ends, the received files it did not keep and the files of the rows it removed."""
    changes = FileChanges()
    try:
        yield changes
    except BaseException:
        for upload in received:
            store.discard(upload.file.storage_key)
        raise
    for upload in received:
        if upload not in changes.kept:
            store.discard(upload.file.storage_key)
    for key in changes.removed:
        store.discard(key)


def remove_rows(
    assessment: Assessment, actor: User, evidence_ids: Iterable[int], may_remove: Callable[[Evidence], bool]
) -> list[str]:
    """Delete the chosen evidence rows of this assessment that ``may_remove`` allows, each
    audited; returns their storage keys, whose files go once the transaction has committed."""
    keys = []
    for evidence_id in evidence_ids:
        evidence = db.session.get(Evidence, evidence_id)
        if evidence is None or evidence.assessment_id != assessment.id or not may_remove(evidence):
            continue
        record_on(
            assessment,
            "evidence_deleted",
            actor,
            entity="evidence",
            entity_id=evidence.id,
            old={"item": evidence.item_id, "name": evidence.original_name},
        )
        keys.append(evidence.storage_key)
        db.session.delete(evidence)
    return keys


def school_storage_used(school_id: int) -> int:
    """Bytes of evidence a school keeps, over every cycle."""
    return int(
        db.session.execute(
            select(func.coalesce(func.sum(Evidence.size), 0))
            .join(Assessment, Evidence.assessment_id == Assessment.id)
            .where(Assessment.school_id == school_id)
        ).scalar_one()
    )


class Allowance:
    """The room left for new files: a number per slot (``per_slot`` names the limit in the
    refusal, e.g. 每个要点) and the school's quota over all its files. Built after the
    removals are flushed, which free room."""

    def __init__(self, assessment: Assessment, counts: dict[Any, int], per_slot: str) -> None:
        config = current_app.config
        self.limit = int(config["EVIDENCE_MAX_FILES_PER_ITEM"])
        self.quota = int(config["EVIDENCE_MAX_BYTES_PER_SCHOOL"])
        self.per_slot = per_slot
        self.counts = counts
        db.session.flush()
        self.used = school_storage_used(assessment.school_id)

    def admit(self, upload: Received, file_errors: FileErrors) -> bool:
        """Room for this file: counted in when there is, else the refusal noted under its slot."""
        refusal = self._refusal(upload)
        if refusal:
            file_errors.setdefault(upload.slot, []).append(f"《{upload.name}》未保存：{refusal}")
            return False
        self.used += upload.file.size
        self.counts[upload.slot] = self.counts.get(upload.slot, 0) + 1
        return True

    def _refusal(self, upload: Received) -> str:
        if self.counts.get(upload.slot, 0) >= self.limit:
            return f"{self.per_slot}最多上传{self.limit}个文件"
        if self.used + upload.file.size > self.quota:
            return (
                f"本校佐证材料已占用{megabytes(self.used)}，上限为{megabytes(self.quota)}。"
                "请删除不需要的文件或压缩后再上传"
            )
        return ""


def add_row(
    assessment: Assessment,
    actor: User,
    upload: Received,
    now: dt.datetime,
    *,
    item_id: str,
    task_id: int | None = None,
) -> Evidence:
    """The row of a kept file, with its audit event."""
    stored = upload.file
    evidence = Evidence(
        assessment=assessment,
        task_id=task_id,
        item_id=item_id,
        original_name=upload.name,
        storage_key=stored.storage_key,
        content_type=stored.content_type,
        size=stored.size,
        sha256=stored.sha256,
        uploaded_by_id=actor.id,
        uploaded_at=now,
    )
    db.session.add(evidence)
    db.session.flush()
    new: dict[str, object] = {"item": item_id, "name": upload.name, "sha256": stored.sha256, "size": stored.size}
    if task_id is not None:
        new["task"] = task_id
    record_on(
        assessment,
        "evidence_uploaded",
        actor,
        entity="evidence",
        entity_id=evidence.id,
        new=new,
    )
    return evidence


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}MB"
