"""整改: the task an item not met at 核定完成 becomes, with the school's 整改报告 and the
inspector's 复查."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.columns import EnumText, UTCDateTime, utcnow
from webapp.extensions import db
from webapp.lifecycle import TaskStatus
from webapp.models.assessment import Assessment, Evidence, User


class RectificationTask(db.Model):  # type: ignore[name-defined,misc]
    """整改任务: an item not met or partly met when the assessment was finalised (核定完成), with
    its 整改建议 and 整改期限; the school's 整改报告 on it (整改措施, 整改成效, 佐证材料 as
    ``Evidence`` rows naming the task), kept as a draft until submitted; and the inspector's 复查
    (passed, or not passed with the reason). ``version`` rises with every change."""

    __tablename__ = "rectification_task"
    __table_args__ = (
        UniqueConstraint("assessment_id", "item_id"),
        CheckConstraint("status IN ('open', 'reported', 'passed', 'failed')", name="status"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"), index=True)
    item_id: Mapped[str] = mapped_column(String(40))
    finding: Mapped[str] = mapped_column(String(20))  # the verified result it came from: not_met | partial
    advice: Mapped[str] = mapped_column(Text, default="")  # 整改建议
    deadline: Mapped[dt.date] = mapped_column(Date)  # 整改期限
    status: Mapped[TaskStatus] = mapped_column(EnumText(TaskStatus), default=TaskStatus.OPEN)
    measures: Mapped[str] = mapped_column(Text, default="")  # 整改措施
    outcome: Mapped[str] = mapped_column(Text, default="")  # 整改成效
    saved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)  # the draft's last save
    reported_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    reported_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    reinspected_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    reinspected_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    reinspection_note: Mapped[str] = mapped_column(Text, default="")  # 复查意见; the reason when not passed
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    assessment: Mapped[Assessment] = relationship()
    reinspected_by: Mapped[User | None] = relationship(foreign_keys=[reinspected_by_id])
    evidence: Mapped[list[Evidence]] = relationship(
        primaryjoin="RectificationTask.id == Evidence.task_id", order_by="Evidence.id", viewonly=True
    )

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": version}
