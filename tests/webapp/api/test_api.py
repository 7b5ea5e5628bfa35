"""The JSON API as a bureau's other systems use it: tokens, reading what an account may see,
writing a school's answers with the web's validation and version check."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from tests.webapp.api.conftest import audit_count, bearer
from tests.webapp.conftest import login


def get(app: Flask, token: str, url: str, **headers: str) -> Any:
    return app.test_client().get(url, headers=bearer(token, **headers))


def put_answers(app: Flask, token: str, assessment_id: int, answers: Any, version: Any = None) -> Any:
    headers = bearer(token)
    if version is not None:
        headers["If-Match"] = f'"{version}"'
    return app.test_client().put(
        f"/api/v1/assessments/{assessment_id}/answers", json={"answers": answers}, headers=headers
    )


# --------------------------------------------------------------------------------------------
# Tokens


def test_no_token_no_answer_and_the_reason_in_chinese(app: Flask) -> None:
    response = app.test_client().get("/api/v1/me")
    assert response.status_code == 401
    assert response.is_json
    assert "令牌" in response.json["message"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "header", ["Bearer sc_not-a-token", "Bearer ", "Basic c2Nob29sX2E6eA==", "sc_x", "Bearer " + "x" * 500]
)
def test_a_wrong_token_is_refused(app: Flask, header: str) -> None:
    response = app.test_client().get("/api/v1/me", headers={"Authorization": header})
    assert response.status_code == 401


def test_a_logged_in_browser_cannot_use_the_api(app: Flask) -> None:
    """Cookies do not count on the API: a page on another site cannot borrow a session."""
    client = app.test_client()
    assert login(client, "admin").status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get("/api/v1/me").status_code == 401


def test_a_token_names_its_account(app: Flask, tokens: dict[str, str]) -> None:
    me = get(app, tokens["school_a"], "/api/v1/me").json
    assert me["username"] == "school_a"
    assert me["role"] == "school" and me["role_label"] == "学校"
    assert me["school"]["name"] == "东区第一小学"


def test_a_revoked_token_and_a_deactivated_account_stop_at_once(app: Flask, tokens: dict[str, str]) -> None:
    from webapp.accounts.operations import set_active
    from webapp.api.tokens import revoke_all

    assert get(app, tokens["school_a"], "/api/v1/me").status_code == 200
    with app.app_context():
        assert revoke_all("school_a") == 1
    assert get(app, tokens["school_a"], "/api/v1/me").status_code == 401
    assert get(app, tokens["inspector_a"], "/api/v1/me").status_code == 200
    with app.app_context():
        set_active("inspector_a", False)
    assert get(app, tokens["inspector_a"], "/api/v1/me").status_code == 401


def test_only_a_hash_of_the_token_is_kept(app: Flask, tokens: dict[str, str]) -> None:
    from sqlalchemy import text

    from webapp.extensions import db

    with app.app_context():
        rows = db.session.execute(text("SELECT token_hash, hint FROM api_token")).all()
    stored = " ".join(f"{h} {hint}" for h, hint in rows)
    for token in tokens.values():
        assert token not in stored
        assert token[:8] in stored  # the hint, to tell tokens apart


def test_every_call_is_in_the_audit_log(app: Flask, world: Any, tokens: dict[str, str]) -> None:
    before = audit_count(app, action="api_read")
    get(app, tokens["inspector_a"], f"/api/v1/assessments/{world['assessment_a']}")
    get(app, tokens["inspector_a"], f"/api/v1/assessments/{world['assessment_b']}")  # not assigned: 404
    assert audit_count(app, action="api_read") == before + 2
    from sqlalchemy import select

    from webapp.extensions import db
    from webapp.models import AuditEvent

    with app.app_context():
        events = (
            db.session.execute(
                select(AuditEvent).where(AuditEvent.action == "api_read").order_by(AuditEvent.id.desc()).limit(2)
            )
            .scalars()
            .all()
        )
        assert [e.new["response"] for e in events] == [404, 200]
        assert {e.actor_name for e in events} == {"inspector_a"}
        assert events[1].assessment_id == world["assessment_a"]
        assert events[0].assessment_id is None  # nothing recorded about what it may not see


def test_the_rate_limit_answers_429_in_chinese(instance: Any, world: Any) -> None:
    from tests.webapp.conftest import make_app
    from webapp.api.tokens import create_token

    app = make_app(instance, API_RATE_LIMIT="3 per minute")
    with app.app_context():
        token = create_token("school_a").token
        other = create_token("school_b").token
    codes = [get(app, token, "/api/v1/me").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = get(app, token, "/api/v1/me")
    assert "频繁" in refused.json["message"]
    assert get(app, other, "/api/v1/me").status_code == 200  # each token has its own allowance


# --------------------------------------------------------------------------------------------
# Reading


def test_each_role_lists_the_schools_it_sees_on_the_web(app: Flask, tokens: dict[str, str]) -> None:
    def codes(user: str) -> list[str]:
        return [s["code"] for s in get(app, tokens[user], "/api/v1/schools").json["items"]]

    assert codes("admin") == ["A001", "B001"]
    assert codes("school_a") == ["A001"]
    assert codes("inspector_b") == ["B001"]
    assert codes("district_east") == ["A001"]
    assert codes("district_west") == ["B001"]
    found = get(app, tokens["admin"], "/api/v1/schools?q=第二").json["items"]
    assert [s["name"] for s in found] == ["西区第二中学"]
    assert get(app, tokens["admin"], "/api/v1/schools?q=%25").json["items"] == []  # % is a character, not a wildcard


def test_lists_are_paginated(app: Flask, tokens: dict[str, str]) -> None:
    first = get(app, tokens["admin"], "/api/v1/schools?page=1&page_size=1").json
    second = get(app, tokens["admin"], "/api/v1/schools?page=2&page_size=1").json
    assert first["total"] == second["total"] == 2
    assert [s["code"] for s in first["items"] + second["items"]] == ["A001", "B001"]
    refused = get(app, tokens["admin"], "/api/v1/schools?page_size=100000")
    assert refused.status_code == 422 and "page_size" in refused.json["errors"]["query"]


def test_an_assessment_with_its_items_and_reasons(app: Flask, world: Any, tokens: dict[str, str]) -> None:
    response = get(app, tokens["school_a"], f"/api/v1/assessments/{world['assessment_a']}")
    assert response.status_code == 200
    body = response.json
    assert response.headers["ETag"] == f'"{body["version"]}"'
    assert body["status"] == "draft" and body["status_label"] == "填报中"
    assert body["verified"] is None
    pe = next(i for i in body["items"] if i["self"]["status"] != "unanswered")
    assert pe["self"]["explanation"]  # the reason in Chinese
    assert pe["self"]["status_label"] in ("达标", "部分达标", "未达标")
    assert pe["verified"] is None


def test_a_school_sees_the_verified_result_only_once_finalised(app: Flask, world: Any, tokens: dict[str, str]) -> None:
    from webapp.extensions import db
    from webapp.models import Assessment, User
    from webapp.review import operations as review

    url = f"/api/v1/assessments/{world['assessment_b']}"
    with app.test_request_context():
        inspector = db.session.get(User, world["inspector_b"])
        assessment = db.session.get(Assessment, world["assessment_b"])
        review.record_review(
            assessment.id,
            inspector,
            assessment.version,
            review.ReviewInput("B1.1", {}, override_status="not_met", reason="现场核查不符"),
        )
    assert get(app, tokens["inspector_b"], url).json["verified"] is not None
    school_view = get(app, tokens["school_b"], url).json
    assert school_view["status"] == "under_review"
    assert school_view["verified"] is None
    assert all(i["verified"] is None and i["review_reason"] is None for i in school_view["items"])


def test_not_yours_is_404_like_not_there(app: Flask, world: Any, tokens: dict[str, str]) -> None:
    theirs = get(app, tokens["school_a"], f"/api/v1/assessments/{world['assessment_b']}")
    nothing = get(app, tokens["school_a"], "/api/v1/assessments/999999")
    assert theirs.status_code == nothing.status_code == 404
    assert theirs.json == nothing.json


# --------------------------------------------------------------------------------------------
# Writing


def _version(app: Flask, token: str, assessment_id: int) -> int:
    return int(get(app, token, f"/api/v1/assessments/{assessment_id}/answers").json["version"])


def test_a_school_writes_its_answers_and_the_score_follows(app: Flask, world: Any, tokens: dict[str, str]) -> None:
    a = world["assessment_a"]
    version = _version(app, tokens["school_a"], a)
    response = put_answers(app, tokens["school_a"], a, {"pe_minutes_daily": 60, "exchange_teachers": "5"}, version)
    assert response.status_code == 200, response.json
    assert response.json["answers"]["pe_minutes_daily"] == 60
    assert response.json["answers"]["exchange_teachers"] == 5
    assert response.json["version"] > version
    assert response.headers["ETag"] == f'"{response.json["version"]}"'
    # what the web shows is what the API wrote
    client = app.test_client()
    login(client, "school_a")
    page = client.get(f"/school/assessments/{a}/A").get_data(as_text=True)
    assert 'value="60"' in page
    assert audit_count(app, action="answers_saved", assessment_id=a) >= 1
    assert audit_count(app, action="api_write") == 1


def test_a_stale_version_is_409_and_nothing_is_written(app: Flask, world: Any, tokens: dict[str, str]) -> None:
    a = world["assessment_a"]
    version = _version(app, tokens["school_a"], a)
    assert put_answers(app, tokens["school_a"], a, {"pe_minutes_daily": 50}, version).status_code == 200
    stale = put_answers(app, tokens["school_a"], a, {"pe_minutes_daily": 10}, version)
    assert stale.status_code == 409
    assert "版本" in stale.json["message"]
    assert stale.headers["ETag"] == f'"{_version(app, tokens["school_a"], a)}"'
    answers = get(app, tokens["school_a"], f"/api/v1/assessments/{a}/answers").json["answers"]
    assert answers["pe_minutes_daily"] == 50


def test_without_if_match_428(app: Flask, world: Any, tokens: dict[str, str]) -> None:
    response = put_answers(app, tokens["school_a"], world["assessment_a"], {"pe_minutes_daily": 50})
    assert response.status_code == 428
    assert "If-Match" in response.json["message"]


def test_bad_figures_are_422_per_input_and_nothing_is_written(app: Flask, world: Any, tokens: dict[str, str]) -> None:
    a = world["assessment_a"]
    version = _version(app, tokens["school_a"], a)
    response = put_answers(
        app,
        tokens["school_a"],
        a,
        {"pe_minutes_daily": "很多", "exchange_teachers": 3.5, "no_such_input": 1, "eligible_teachers": True},
        version,
    )
    assert response.status_code == 422
    errors = response.json["errors"]
    assert set(errors) == {"pe_minutes_daily", "exchange_teachers", "no_such_input", "eligible_teachers"}
    assert "没有这个输入项" in errors["no_such_input"]
    assert "整数" in errors["exchange_teachers"]  # the web form's own message
    assert _version(app, tokens["school_a"], a) == version
    answers = get(app, tokens["school_a"], f"/api/v1/assessments/{a}/answers").json["answers"]
    assert answers["pe_minutes_daily"] == 45


def test_a_body_that_is_not_answers_is_422_in_chinese(app: Flask, world: Any, tokens: dict[str, str]) -> None:
    client = app.test_client()
    url = f"/api/v1/assessments/{world['assessment_a']}/answers"
    headers = bearer(tokens["school_a"], **{"If-Match": '"1"'})
    response = client.put(url, json={"answer": {}}, headers=headers)
    assert response.status_code == 422
    assert response.json["errors"]["json"]["answers"] == ["必须填写。"]
    assert client.put(url, data="{", headers={**headers, "Content-Type": "application/json"}).status_code in (400, 422)


def test_impossible_combinations_are_flagged_as_on_the_web(app: Flask, world: Any, tokens: dict[str, str]) -> None:
    a = world["assessment_a"]
    version = _version(app, tokens["school_a"], a)
    response = put_answers(app, tokens["school_a"], a, {"exchange_teachers": 50}, version)  # > 40 eligible
    assert response.status_code == 200
    assert "exchange_teachers" in response.json["errors"]


def test_only_a_school_writes_and_only_while_it_may(app: Flask, world: Any, tokens: dict[str, str]) -> None:
    a, b = world["assessment_a"], world["assessment_b"]
    version = _version(app, tokens["admin"], a)
    assert put_answers(app, tokens["admin"], a, {"pe_minutes_daily": 60}, version).status_code == 403
    assert put_answers(app, tokens["inspector_a"], a, {"pe_minutes_daily": 60}, version).status_code == 403
    assert put_answers(app, tokens["school_b"], a, {"pe_minutes_daily": 60}, version).status_code == 404
    submitted = put_answers(app, tokens["school_b"], b, {"pe_minutes_daily": 60}, _version(app, tokens["school_b"], b))
    assert submitted.status_code == 409
    assert "已提交" in submitted.json["message"]


# --------------------------------------------------------------------------------------------
# Tokens in the browser and on the command line


def test_an_admin_makes_and_revokes_a_token_in_the_browser(app: Flask) -> None:
    import re

    client = app.test_client()
    login(client, "admin")
    refused = client.post("/admin/tokens/", data={"username": "nobody", "name": "学籍系统"})
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "没有账号“nobody”" in page and 'value="学籍系统"' in page  # nothing typed is lost
    shown = client.post("/admin/tokens/", data={"username": "school_a", "name": "学籍系统"})
    assert shown.status_code == 200
    token = re.search(r'<span class="secret">(sc_[^<]+)</span>', shown.get_data(as_text=True)).group(1)
    assert get(app, token, "/api/v1/me").json["username"] == "school_a"
    listing = client.get("/admin/tokens/").get_data(as_text=True)
    assert token not in listing and token[:8] in listing  # never shown again
    token_id = int(re.findall(r"/admin/tokens/(\d+)/revoke", listing)[0])
    assert client.post(f"/admin/tokens/{token_id}/revoke").status_code == 303
    assert get(app, token, "/api/v1/me").status_code == 401
    assert audit_count(app, action="api_token_created") >= 1
    assert audit_count(app, action="api_token_revoked") >= 1


def test_token_create_and_revoke_on_the_command_line(app: Flask, instance: Any) -> None:
    import json

    from tests.webapp.jobs.test_jobs import run_cli

    result = run_cli(instance, "token", "create", "school_b", "--name", "人事系统", "--json")
    assert result.exit_code == 0, result.output
    token = json.loads(result.output)["token"]
    assert get(app, token, "/api/v1/me").json["username"] == "school_b"
    listed = json.loads(run_cli(instance, "token", "list", "school_b", "--json").output)
    assert [(t["name"], t["revoked"]) for t in listed] == [("人事系统", False)]
    assert token not in json.dumps(listed)
    missing = run_cli(instance, "token", "create", "nobody")
    assert missing.exit_code == 1 and "没有账号" in missing.output
    revoked = run_cli(instance, "token", "revoke", "school_b")
    assert revoked.exit_code == 0 and "1 个令牌" in revoked.output
    assert get(app, token, "/api/v1/me").status_code == 401


def test_a_deactivated_schools_token_stops_working_and_none_can_be_made(
    app: Flask, world: Any, tokens: dict[str, str]
) -> None:
    """As at the login page: a school's account works only while its school is active."""
    from webapp.api.tokens import create_token
    from webapp.errors import OperationError
    from webapp.extensions import db
    from webapp.models import School

    assert get(app, tokens["school_a"], "/api/v1/me").status_code == 200
    with app.app_context():
        db.session.get(School, world["school_a_id"]).active = False  # not through the page: its tokens stay
        db.session.commit()
        with pytest.raises(OperationError, match="所在学校已停用"):
            create_token("school_a", "再建一个")
    assert get(app, tokens["school_a"], "/api/v1/me").status_code == 401
    assert get(app, tokens["school_b"], "/api/v1/me").status_code == 200


@pytest.mark.parametrize("query", ["cycle=-114392358427", "school=99999999999", "district=0"])
def test_an_id_out_of_range_in_a_query_is_a_clear_422(app: Flask, tokens: dict[str, str], query: str) -> None:
    """Found by schemathesis on PostgreSQL: an integer column compared with a 64-bit number was a
    500. An id is a positive 32-bit integer, or the request is refused with the reason."""
    url = "/api/v1/schools" if query.startswith("district") else "/api/v1/assessments"
    response = get(app, tokens["admin"], f"{url}?{query}")
    assert response.status_code == 422, response.get_data(as_text=True)
    assert "编号应为 1 到 2147483647 之间的整数" in response.get_data(as_text=True)
