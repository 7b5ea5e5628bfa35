"""Fuzzing (T13, T38, T39): Hypothesis drives every form and every command-line input with bad
values — NUL, line and bidi controls, CJK and emoji, template syntax, huge and odd numbers,
values outside every choice — on SQLite and (with SELFCHECK_TEST_POSTGRES_URL) PostgreSQL.
Nothing may answer with a server error or a traceback, and what is accepted is stored exactly
as typed (text fields are stored trimmed of surrounding spaces where the form says so)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import select

from tests.security.conftest import SAMPLE_RUBRIC, tally, version_of

FUZZ = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
SPECIAL = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "\u202e",
        "\r\n",
        "\u2028",
        "{{7*7}}",
        "<script>alert(1)</script>",
        '=HYPERLINK("http://x")',
        "-0",
        "1e309",
        "nan",
        "inf",
        "８",
        "٣",
        "9" * 400,
        "99999999999999999999",
        "²",
        "0x10",
        "1_000",
        "5,5",
        "１２.５",
        "😀",
        "是",
        "否",
        "x" * 5000,
    ]
)
TEXT = st.text(st.characters(codec="utf-8"), max_size=300) | SPECIAL
NUMBERISH = st.integers(-(10**12), 10**12).map(str) | st.floats(allow_nan=True).map(str) | SPECIAL


def no_server_error(response: Any, where: str) -> None:
    tally("fuzz_inputs")
    body = response.get_data(as_text=True) if response.mimetype.startswith("text/") else ""
    bad = response.status_code >= 500 or "Traceback" in body
    tally("fuzz_server_errors", int(bad))
    assert not bad, (where, response.status_code)


# --------------------------------------------------------------------------------------------
# The web forms


@FUZZ
@given(username=TEXT, password=TEXT)
def test_login_form(app: Flask, username: str, password: str) -> None:
    response = app.test_client().post("/login", data={"username": username, "password": password})
    no_server_error(response, "login")
    assert response.status_code in (200, 400, 429)


SECTION_B = ("eligible_teachers", "exchange_teachers", "backbone_exchange_teachers", "paid_tutoring_found")


@FUZZ
@given(values=st.fixed_dictionaries({key: NUMBERISH for key in SECTION_B}))
def test_self_assessment_fields(app: Flask, as_user: Any, world: Any, values: dict[str, str]) -> None:
    from webapp.extensions import db
    from webapp.models import Answer

    client = as_user("school_a")
    url = f"/school/assessments/{world['assessment_a']}/B"
    page = client.get(url).data.decode()
    response = client.post(url, data={"version": version_of(page), "fields": list(values), **values})
    no_server_error(response, "section")
    if any("\x00" in v for v in values.values()):
        assert response.status_code == 400
        return
    from webapp.forms import plain_text

    # What the form keeps of the text: control characters go (a vertical tab becomes a line
    # break); a figure longer than its field may hold is refused whole and not stored.
    kept = {key: plain_text(typed) for key, typed in values.items()}
    limits = {key: 20 if key == "paid_tutoring_found" else 40 for key in kept}  # a yes/no, a number
    too_long = {key for key, text in kept.items() if len(text) > limits[key]}
    assert response.status_code == (422 if too_long else 303)
    with app.app_context():
        rows = {
            r.key: r.raw
            for r in db.session.execute(select(Answer).where(Answer.assessment_id == world["assessment_a"])).scalars()
        }
    for key, typed in kept.items():
        if key in too_long:
            assert rows.get(key) != typed and len(rows.get(key) or "") <= limits[key]
            assert f"此处最多{limits[key]}个字符" in response.get_data(as_text=True)
        elif typed.strip():
            assert rows.get(key) == typed, (key, typed, rows.get(key))  # exactly as typed, even when wrong
            tally("fuzz_round_trips")


@FUZZ
@given(
    correction=NUMBERISH,
    override=st.sampled_from(["", "met", "partial", "not_met", "not_applicable", "unanswered", "bogus"]) | TEXT,
    points=NUMBERISH,
    reason=TEXT,
    comment=TEXT,
)
def test_inspector_review_form(
    app: Flask, as_user: Any, world: Any, correction: str, override: str, points: str, reason: str, comment: str
) -> None:
    from webapp.extensions import db
    from webapp.models import ItemReview

    client = as_user("inspector_b")
    b = world["assessment_b"]
    page = client.get(f"/inspector/assessments/{b}/B").data.decode()
    data = {
        "version": version_of(page),
        "action": "save",
        "c-eligible_teachers": correction,
        "override_status": override,
        "override_points": points,
        "reason": reason,
        "comment": comment,
    }
    response = client.post(f"/inspector/assessments/{b}/items/B1.1", data=data)
    no_server_error(response, "review")
    assert response.status_code in (303, 400, 409, 422)
    if response.status_code == 303:
        with app.app_context():
            row = db.session.execute(
                select(ItemReview).where(ItemReview.assessment_id == b, ItemReview.item_id == "B1.1")
            ).scalar_one()
            from webapp.forms import plain_text  # what every form keeps of typed text

            assert (row.reason, row.comment) == (plain_text(reason).strip(), plain_text(comment).strip())
            tally("fuzz_round_trips")


@FUZZ
@given(
    username=TEXT,
    display=TEXT,
    role=st.sampled_from(["school", "inspector", "district", "admin"]) | TEXT,
    school=NUMBERISH,
)
def test_account_form(app: Flask, as_user: Any, username: str, display: str, role: str, school: str) -> None:
    from webapp.extensions import db
    from webapp.models import User

    response = as_user("admin").post(
        "/admin/users/",
        data={"username": username, "display_name": display, "role": role, "school": school, "district": school},
    )
    no_server_error(response, "users")
    assert response.status_code in (200, 400, 422)
    if response.status_code == 200 and "初始密码" in response.get_data(as_text=True):
        from webapp.forms import plain_text  # what every form keeps of typed text

        username, display = plain_text(username), plain_text(display)
        with app.app_context():
            user = db.session.execute(select(User).where(User.username == username.strip())).scalar_one()
            assert user.display_name == (display.strip() or user.username) or display.strip() == ""
            tally("fuzz_round_trips")


@FUZZ
@given(name=TEXT, deadline=TEXT | st.dates().map(str), add=st.lists(NUMBERISH, max_size=3))
def test_cycle_form(app: Flask, as_user: Any, world: Any, name: str, deadline: str, add: list[str]) -> None:
    from webapp.extensions import db
    from webapp.models import Cycle

    response = as_user("admin").post(
        f"/admin/cycles/{world['cycle']}", data={"name": name, "deadline": deadline, "add_schools": add}
    )
    no_server_error(response, "cycle")
    assert response.status_code in (303, 400, 422)
    if response.status_code == 303:
        from webapp.forms import plain_text  # what every form keeps of typed text

        with app.app_context():
            kept = plain_text(name)
            assert db.session.get(Cycle, world["cycle"]).name in (kept.strip(), kept)
            tally("fuzz_round_trips")
    new = as_user("admin").post(
        "/admin/cycles/", data={"name": name, "year": deadline[:4], "rubric": add[0] if add else "", "schools": add}
    )
    no_server_error(new, "cycles")


def mangle(text: str, cuts: list[tuple[int, int, str]]) -> str:
    for start, length, insert in cuts:
        at = start % (len(text) + 1)
        text = text[:at] + insert + text[at + length :]
    return text


RUBRIC_TEXT = SAMPLE_RUBRIC.read_text(encoding="utf-8")
CUTS = st.lists(
    st.tuples(
        st.integers(0, 10**6),
        st.integers(0, 80),
        TEXT | st.sampled_from(["\t", ": [", "- {", "&a", "*a", "!!python/object:os.system", "\n  - "]),
    ),
    min_size=1,
    max_size=4,
)


@FUZZ
@given(cuts=CUTS)
def test_rubric_upload_with_mangled_yaml(app: Flask, as_user: Any, cuts: list[tuple[int, int, str]]) -> None:
    text = mangle(RUBRIC_TEXT.replace("version: 1", "version: 9"), cuts)
    client = as_user("admin")
    checked = client.post("/admin/rubrics/check", data={"text": text})
    no_server_error(checked, "rubric check")
    assert checked.status_code in (200, 400, 422)
    uploaded = client.post(
        "/admin/rubrics/check", data={"file": (io.BytesIO(text.encode("utf-8", "surrogatepass")), "细则.yaml")}
    )
    no_server_error(uploaded, "rubric upload")
    published = client.post("/admin/rubrics/publish", data={"yaml_text": text})
    no_server_error(published, "rubric publish")
    assert published.status_code in (303, 400, 422)


@FUZZ
@given(
    action=TEXT,
    school=TEXT,
    user=TEXT,
    date_from=TEXT | st.dates().map(str),
    date_to=TEXT,
    sort=st.sampled_from(["at", "id", "action", "x"]) | TEXT,
    direction=st.sampled_from(["asc", "desc"]) | TEXT,
    page=NUMBERISH,
    per_page=NUMBERISH,
)
def test_audit_filters(app: Flask, as_user: Any, **params: str) -> None:
    query = {"dir" if k == "direction" else k: v for k, v in params.items()}
    client = as_user("admin")
    for url in ("/admin/audit/", "/admin/audit/export.xlsx"):
        response = client.get(url, query_string=query)
        no_server_error(response, url)
        assert response.status_code in (200, 302, 400, 422)


@FUZZ
@given(q=TEXT, district=NUMBERISH, page=NUMBERISH, state=TEXT, basis=TEXT, cycle=NUMBERISH, show=TEXT)
def test_list_parameters(app: Flask, as_user: Any, **params: str) -> None:
    for who, urls in (
        ("admin", ("/admin/", "/admin/results", "/admin/schools/", "/admin/users/", "/admin/results/scores.xlsx")),
        ("district_east", ("/admin/", "/admin/schools/export.xlsx", "/reports/region.xlsx")),
        ("inspector_a", ("/inspector/",)),
    ):
        client = as_user(who)
        for url in urls:
            response = client.get(url, query_string={**params, "role": params["q"], "status": params["state"]})
            no_server_error(response, url)


# --------------------------------------------------------------------------------------------
# The command line


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=10,
)
KEYS = (
    st.sampled_from(
        [
            "pe_minutes_daily",
            "eligible_teachers",
            "exchange_teachers",
            "study_trips",
            "paid_tutoring_found",
            "stages",
            "public",
            "boarding",
        ]
    )
    | TEXT
)


def cli_result_is_clean(result: Any, where: str) -> None:
    tally("fuzz_inputs")
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    crashed = crashed or "Traceback" in result.output or result.exit_code not in (0, 1, 2)
    tally("fuzz_server_errors", int(crashed))
    assert not crashed, (where, result.exit_code, result.output[-500:], result.exception)


@FUZZ
@given(
    answers=st.dictionaries(KEYS, JSON_VALUES, max_size=6) | JSON_VALUES,
    profile=st.dictionaries(KEYS, JSON_VALUES, max_size=4) | JSON_VALUES,
    raw=st.booleans(),
)
def test_cli_score(tmp_path_factory: pytest.TempPathFactory, answers: Any, profile: Any, raw: bool) -> None:
    from webapp.cli import cli

    folder = tmp_path_factory.mktemp("score")
    (folder / "a.json").write_text(
        json.dumps(answers, ensure_ascii=False) if not raw else str(answers), encoding="utf-8"
    )
    (folder / "p.json").write_text(json.dumps(profile, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "score",
            "--rubric",
            str(SAMPLE_RUBRIC),
            "--answers",
            str(folder / "a.json"),
            "--profile",
            str(folder / "p.json"),
            "--json",
        ],
    )
    cli_result_is_clean(result, "score")
    if result.exit_code == 0:
        assert json.loads(result.stdout)["rubric"] == "sample-2024"


@FUZZ
@given(cuts=CUTS)
def test_cli_rubric_check_on_mangled_yaml(
    tmp_path_factory: pytest.TempPathFactory, cuts: list[tuple[int, int, str]]
) -> None:
    from webapp.cli import cli

    path = tmp_path_factory.mktemp("rubric") / "细则.yaml"
    path.write_bytes(mangle(RUBRIC_TEXT, cuts).encode("utf-8", "surrogatepass"))
    result = CliRunner().invoke(cli, ["rubric", "check", str(path)])
    cli_result_is_clean(result, "rubric check")
    assert result.exit_code in (0, 1)


CELLS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**15), 10**15)
    | st.floats(allow_nan=False)
    | st.dates()
    | TEXT.map(lambda t: re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", t))
)


@FUZZ
@given(
    rows=st.lists(
        st.tuples(
            st.from_regex(r"[A-Z][0-9]{3}", fullmatch=True) | CELLS,
            CELLS,
            st.sampled_from(["小学", "初中", "小学、初中", "高中", "幼儿园"]) | CELLS,
            st.sampled_from(["公办", "民办"]) | CELLS,
            st.sampled_from(["是", "否"]) | CELLS,
            st.sampled_from(["是", "否"]) | CELLS,
            st.sampled_from(["东区", "西区", "南区"]) | CELLS,
        ),
        min_size=1,
        max_size=6,
    )
)
def test_cli_import_schools_on_generated_sheets(
    app: Flask, tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[Any, ...]]
) -> None:

    from webapp.cli import cli
    from webapp.extensions import db
    from webapp.models import School

    book = Workbook()
    sheet = book.active
    sheet.append(["学校代码", "学校名称", "学段", "办学性质", "是否寄宿", "是否有食堂", "所属区县"])
    for row in rows:
        sheet.append(list(row))
    path: Path = tmp_path_factory.mktemp("import") / "名单.xlsx"
    book.save(path)
    with app.app_context():
        before = {s.code: s.name for s in db.session.execute(select(School)).scalars()}
    result = app.test_cli_runner().invoke(cli, ["import", "schools", str(path)])
    cli_result_is_clean(result, "import schools")
    with app.app_context():
        after = {s.code: s.name for s in db.session.execute(select(School)).scalars()}
    if result.exit_code != 0:
        assert after == before  # all or nothing
    else:
        for row in rows:
            code = str(row[0]).strip()
            name = str(row[1]).strip()
            if code in after and not isinstance(row[1], (bool, int, float)) and row[1] is not None:
                assert after[code] in (name, after[code]) and (after[code] == name or code in before)
                tally("fuzz_round_trips")
