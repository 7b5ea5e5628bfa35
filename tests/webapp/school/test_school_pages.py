"""The school's self-assessment pages: bad input, stale saves, submission, evidence, audit."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import text

from tests import pdfs
from tests.webapp.conftest import version_of


def section_url(world: Any, dim: str = "B") -> str:
    return f"/school/assessments/{world['assessment_a']}/{dim}"


def field_block(html: str, name: str) -> str:
    """The HTML of one field's block (label, input, errors)."""
    start = html.index(f'name="{name}"')
    begin = html.rfind('<div class="field', 0, start)
    end = html.find('<div class="field', start)
    return html[begin : end if end > 0 else len(html)]


def save(client: Any, url: str, **fields: str) -> Any:
    """Post some fields of a page, as the browser does for the fields it lists."""
    page = client.get(url).data.decode()
    data = {"version": version_of(page), "fields": list(fields), **fields}
    return client.post(url, data=data)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-3", "不能小于0人"),
        ("四十个", "不是有效的数字"),
        ("99999999999999999999", "位数过多"),
        ("12.5", "请填写整数"),
        ("٣", "阿拉伯数字"),
    ],
)
def test_a_bad_figure_is_kept_with_a_chinese_message_beside_it(as_user, world, typed: str, message: str) -> None:
    client = as_user("school_a")
    url = section_url(world)
    response = save(client, url, eligible_teachers=typed, exchange_teachers="3")
    assert response.status_code == 303
    page = client.get(url).data.decode()
    block = field_block(page, "eligible_teachers")
    assert message in block
    assert f'value="{typed}"' in block  # what was typed is still there
    assert "has-error" in block
    assert "exchange_teachers" in page and 'value="3"' in field_block(page, "exchange_teachers")
    assert "处填写需要修改" in page


def test_full_width_digits_are_accepted(as_user, world) -> None:
    client = as_user("school_a")
    url = section_url(world)
    assert save(client, url, eligible_teachers="４０", exchange_teachers="６").status_code == 303
    page = client.get(url).data.decode()
    assert "交流教师6人/符合交流条件教师40人=15.0%，要求≥10%，达标" in page


def test_impossible_combinations_are_caught(as_user, world) -> None:
    client = as_user("school_a")
    url = section_url(world)
    save(client, url, eligible_teachers="10", exchange_teachers="12", backbone_exchange_teachers="13")
    page = client.get(url).data.decode()
    assert "交流教师（12人）不能超过符合交流条件教师（10人）" in field_block(page, "exchange_teachers")
    assert "交流骨干教师（13人）不能超过交流教师（12人）" in field_block(page, "backbone_exchange_teachers")
    # …and they do not count as answers until corrected
    assert "尚未填报" in page
    save(client, url, eligible_teachers="20", exchange_teachers="12", backbone_exchange_teachers="3")
    page = client.get(url).data.decode()
    assert "不能超过" not in page
    assert "交流骨干教师3人/交流教师12人=25.0%" in page


def test_after_saving_each_item_shows_its_result(as_user, world) -> None:
    client = as_user("school_a")
    url = section_url(world, "A")
    save(client, url, pe_minutes_daily="45", max_class_size="40", **{"study_trips.P4": "1", "study_trips.P5": "0"})
    page = client.get(url).data.decode()
    assert "每日校内体育活动时长45分钟，要求≥60分钟，部分达标" in page
    assert "五年级未达到" in page
    assert "最大班额40人，要求≤45人，达标" in page
    assert "依据：《2024年营口市推动新时代基础教育扩优提质任务分解方案》（营教发【2024】12号）第14条" in page
    assert "“落实每日校内体育活动不少于1小时要求”" in page


def test_a_stale_form_is_refused_and_the_newer_data_kept(app: Flask, as_user, world) -> None:
    first, second = as_user("school_a"), app.test_client()
    from tests.webapp.conftest import login

    login(second, "school_a")
    url = section_url(world)
    page_first = first.get(url).data.decode()
    page_second = second.get(url).data.decode()
    assert (
        first.post(
            url, data={"version": version_of(page_first), "fields": "eligible_teachers", "eligible_teachers": "50"}
        ).status_code
        == 303
    )
    stale = second.post(
        url, data={"version": version_of(page_second), "fields": "eligible_teachers", "eligible_teachers": "30"}
    )
    assert stale.status_code == 409
    html = stale.data.decode()
    assert "保存未成功" in html and "已被他人修改" in html
    assert 'value="30"' in field_block(html, "eligible_teachers")  # what the second person typed is kept…
    assert "已保存的内容：50" in field_block(html, "eligible_teachers")  # …beside what is saved
    assert 'value="50"' in field_block(first.get(url).data.decode(), "eligible_teachers")
    # The refused page carries the new version: saving again on purpose works.
    again = second.post(
        url, data={"version": version_of(html), "fields": "eligible_teachers", "eligible_teachers": "30"}
    )
    assert 'value="30"' in field_block(second.get(url).data.decode(), "eligible_teachers")
    assert again.status_code == 303


def complete_a(app: Flask, world: Any) -> None:
    from tests.webapp.helpers import fill_completely
    from webapp.extensions import db
    from webapp.models import User

    with app.test_request_context():
        fill_completely(world["assessment_a"], db.session.get(User, world["school_a"]))


def test_submission_needs_every_applicable_item_answered(app: Flask, as_user, world) -> None:
    client = as_user("school_a")
    url = f"/school/assessments/{world['assessment_a']}/submit"
    page = client.get(url).data.decode()
    assert "暂不能提交" in page and "个评估要点未填写完整" in page
    refused = client.post(url, data={"version": version_of(page)})
    assert refused.status_code == 422
    complete_a(app, world)
    page = client.get(url).data.decode()
    assert "确认提交自评" in page
    last_version = version_of(page)
    done = client.post(url, data={"version": last_version})
    assert done.status_code == 303
    home = client.get("/school/").data.decode()
    assert "已提交" in home
    # Read-only from now on: the page says so, and a direct POST is refused.
    section = client.get(section_url(world)).data.decode()
    assert "只能查看，不能修改" in section
    assert "disabled" in field_block(section, "eligible_teachers")
    blocked = client.post(section_url(world), data={"version": version_of(section), "eligible_teachers": "1"})
    assert blocked.status_code == 409
    again = client.post(url, data={"version": str(int(last_version) + 1)})
    assert again.status_code == 409
    assert "已经提交" in again.data.decode()


def test_a_returned_assessment_shows_the_comments_and_can_be_resubmitted(app: Flask, as_user, world) -> None:
    from webapp.extensions import db
    from webapp.models import Assessment, User
    from webapp.review import operations as review
    from webapp.school import operations as school_ops

    complete_a(app, world)
    with app.test_request_context():
        school, inspector = db.session.get(User, world["school_a"]), db.session.get(User, world["inspector_a"])
        a = db.session.get(Assessment, world["assessment_a"])
        school_ops.submit_assessment(a.id, school, a.version)
        a = db.session.get(Assessment, world["assessment_a"])
        review.record_review(
            a.id, inspector, a.version, review.ReviewInput("B1.1", {}, comment="请补充交流教师名单和交流协议。")
        )
        a = db.session.get(Assessment, world["assessment_a"])
        review.return_for_correction(a.id, inspector, a.version)
    client = as_user("school_a")
    page = client.get(section_url(world)).data.decode()
    assert "督学意见：" in page and "请补充交流教师名单和交流协议。" in page
    assert "退回修改" in client.get("/school/").data.decode()
    assert save(client, section_url(world), eligible_teachers="41").status_code == 303
    url = f"/school/assessments/{world['assessment_a']}/submit"
    resubmitted = client.post(url, data={"version": version_of(client.get(url).data.decode())})
    assert resubmitted.status_code == 303, re.findall(r'class="flash[^>]*>([^<]*)', resubmitted.data.decode())


def pdf_bytes() -> bytes:
    return pdfs.plain()


def docx_bytes(extra: dict[str, bytes] | None = None, content_types: bytes = b"<Types/>") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("word/document.xml", b"<w:document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload(client: Any, world: Any, item: str, name: str, data: bytes) -> Any:
    url = section_url(world)
    page = client.get(url).data.decode()
    return client.post(
        url,
        data={"version": version_of(page), f"evidence-{item}": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def test_evidence_is_stored_under_a_generated_name_and_served_with_its_chinese_name(app: Flask, as_user, world) -> None:
    client = as_user("school_a")
    assert upload(client, world, "B1.1", "交流教师名单（2024）.pdf", pdf_bytes()).status_code == 303
    page = client.get(section_url(world)).data.decode()
    assert "交流教师名单（2024）.pdf" in page
    assert f"{len(pdf_bytes())} 字节" in page and "0 KB" not in page  # a small file is not “0 KB”
    evidence_id = int(re.search(r"/evidence/(\d+)", page).group(1))
    from webapp.extensions import db
    from webapp.models import Evidence

    with app.app_context():
        ev = db.session.get(Evidence, evidence_id)
        stored = Path(app.config["EVIDENCE_DIR"]) / ev.storage_key[:2] / ev.storage_key
        assert stored.read_bytes() == pdf_bytes()
        assert "交流" not in ev.storage_key and re.fullmatch(r"[0-9a-f]{32}", ev.storage_key)
        assert not str(stored).startswith(str(Path(app.static_folder)))
    response = client.get(f"/evidence/{evidence_id}")
    assert response.data == pdf_bytes()
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''%E4%BA%A4%E6%B5%81" in disposition
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Type"] == "application/pdf"
    response.close()
    inline = client.get(f"/evidence/{evidence_id}?inline=1")
    assert inline.headers["Content-Disposition"].startswith("inline;")
    assert "sandbox" in inline.headers["Content-Security-Policy"]
    inline.close()


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("名单.pdf", b"<html><script>alert(1)</script></html>", "不支持这种文件类型"),
        ("名单.pdf", pdfs.plain(b"/OpenAction<</S/JavaScript/JS(app.alert\\(1\\))>>"), "JavaScript"),
        ("照片.png", pdf_bytes(), "扩展名"),
        ("旧表.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "旧版 Office"),
        ("宏.docx", docx_bytes({"word/vbaProject.bin": b"x"}), "宏"),
        ("宏.docx", docx_bytes(content_types=b"application/vnd.ms-word.document.macroEnabled.main+xml"), "宏"),
        ("炸弹.docx", docx_bytes({"word/media/big.bin": b"\0" * 120_000_000}), "压缩炸弹"),
        ("空.pdf", b"", "空的"),
        ("program.exe", b"MZ\x90\x00" + b"\0" * 100, "不支持这种文件类型"),
    ],
)
def test_refused_files_are_named_with_the_reason_and_not_stored(
    app: Flask, as_user, world, name: str, data: bytes, words: str
) -> None:
    client = as_user("school_a")
    response = upload(client, world, "B1.1", name, data)
    assert response.status_code == 303
    page = client.get(section_url(world)).data.decode()
    assert f"《{name}》未保存" in page and words in page
    evidence_dir = Path(app.config["EVIDENCE_DIR"])
    stored = [p for p in evidence_dir.rglob("*") if p.is_file()] if evidence_dir.exists() else []
    assert stored == []


def test_an_oversized_file_is_refused(app: Flask, as_user, world) -> None:
    app.config["EVIDENCE_MAX_BYTES"] = 1000
    client = as_user("school_a")
    upload(client, world, "B1.1", "大文件.pdf", pdf_bytes() + b"0" * 2000)
    page = client.get(section_url(world)).data.decode()
    assert "《大文件.pdf》未保存：文件超过" in page


def test_a_request_over_the_limit_gets_a_friendly_413(app: Flask, as_user, world) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 10_000
    client = as_user("school_a")
    response = upload(client, world, "B1.1", "大文件.pdf", pdf_bytes() + b"0" * 20_000)
    assert response.status_code == 413
    assert "文件过大" in response.data.decode()


def test_deleting_evidence_also_saves_what_was_typed(app: Flask, as_user, world) -> None:
    client = as_user("school_a")
    upload(client, world, "B1.1", "名单.pdf", pdf_bytes())
    page = client.get(section_url(world)).data.decode()
    evidence_id = re.search(r'name="delete_evidence" value="(\d+)"', page).group(1)
    response = client.post(
        section_url(world),
        data={
            "version": version_of(page),
            "delete_evidence": evidence_id,
            "fields": "eligible_teachers",
            "eligible_teachers": "44",
        },
    )
    assert response.status_code == 303
    page = client.get(section_url(world)).data.decode()
    assert "名单.pdf" not in page
    assert 'value="44"' in field_block(page, "eligible_teachers")
    assert client.get(f"/evidence/{evidence_id}").status_code == 404


def test_every_save_and_transition_is_audited_and_the_log_cannot_be_edited(app: Flask, as_user, world) -> None:
    from webapp.extensions import db
    from webapp.models import AuditEvent

    client = as_user("school_a")
    save(client, section_url(world), eligible_teachers="48")
    with app.app_context():
        events = (
            db.session.execute(
                db.select(AuditEvent).where(AuditEvent.assessment_id == world["assessment_a"]).order_by(AuditEvent.id)
            )
            .scalars()
            .all()
        )
        saved = [e for e in events if e.action == "answers_saved"][-1]
        assert saved.old["eligible_teachers"] == "40" and saved.new["eligible_teachers"] == "48"
        assert saved.actor_role == "school" and saved.at.tzinfo is not None
        with db.engine.connect() as connection, pytest.raises(Exception, match="append-only"):
            connection.execute(text("UPDATE audit_event SET reason = 'x'"))
        with db.engine.connect() as connection, pytest.raises(Exception, match="append-only"):
            connection.execute(text("DELETE FROM audit_event"))


def test_each_item_can_take_a_photo_as_its_evidence(as_user, world) -> None:
    """On a phone 拍照上传 opens the camera; the photo goes with the item's other files."""
    import re

    page = as_user("school_a").get(f"/school/assessments/{world['assessment_a']}/A").get_data(as_text=True)
    cameras = re.findall(r'<input type="file" id="camera-([^"]+)" name="evidence-([^"]+)"[^>]*accept="image/\*" capture', page)
    assert cameras and all(item == named for item, named in cameras)
    assert "拍照上传" in page


@pytest.mark.parametrize(
    ("size", "words"),
    [(None, "—"), (0, "0 字节"), (312, "312 字节"), (1024, "1 KB"), (48_700, "48 KB"), (3_355_443, "3.2 MB")],
)
def test_file_sizes_read_as_people_write_them(size: int | None, words: str) -> None:
    from webapp.templating import file_size

    assert file_size(size) == words
