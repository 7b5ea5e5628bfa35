"""Load: concurrent school users opening and saving their pages, against gunicorn + PostgreSQL.

    .venv/bin/python benchmarks/bench_load.py [--users 100] [--seconds 60] [--workers 4] [--threads 4]
        [--database postgresql+psycopg://postgres@127.0.0.1:5432/test] [--think 1.0]

Builds a fresh database (dropped afterwards) with one school and one account per user under the
largest shipped rubric, starts gunicorn on 127.0.0.1 (loopback only), and runs a bounded load
generator: each virtual user logs in, then repeatedly opens one of its 一级指标 pages and saves it
with a changed figure, pausing `--think` seconds on average between actions (exponential). At the
end it prints requests per second, p50/p95/p99 per endpoint, errors, and checks that no save was
lost: every school's stored figure equals what its user last saved successfully.
Goal from the issue: p95 under 300 ms, zero errors, zero lost saves.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "压力测试-Pass1234"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))]


def build(database_url: str, users: int, instance: Path) -> tuple[int, list[tuple[str, int, str]]]:
    """The schools, accounts and an open cycle; returns the rubric's page ids per account."""
    os.environ["SELFCHECK_INSTANCE_PATH"] = str(instance)
    os.environ["SELFCHECK_SQLALCHEMY_DATABASE_URI"] = database_url
    from flask_migrate import upgrade

    from checklist.loader import load_rubric, rubric_files
    from webapp import create_app
    from webapp.accounts.access import hash_password
    from webapp.bureau import operations as bureau
    from webapp.database import write_transaction
    from webapp.extensions import db
    from webapp.models import Assessment, Role, School, User
    from webapp.rubrics import operations as rubrics_ops

    path = max(rubric_files(ROOT / "config" / "rubrics"), key=lambda p: len(load_rubric(p).items))
    app = create_app()
    accounts = []
    with app.app_context():
        upgrade()
        password_hash = hash_password(PASSWORD)  # one hash for all: creating 100 scrypt hashes is slow
        with write_transaction():
            for n in range(users):
                school = School(code=f"L{n:04d}", name=f"压力测试学校{n:03d}", stages="primary,junior")
                db.session.add(school)
                db.session.flush()
                db.session.add(
                    User(
                        username=f"load{n:03d}",
                        password_hash=password_hash,
                        role=Role.SCHOOL,
                        display_name=school.name,
                        school_id=school.id,
                    )
                )
        record = rubrics_ops.publish_rubric(path.read_text(encoding="utf-8"))
        school_ids = list(db.session.execute(db.select(School.id)).scalars())
        bureau.open_cycle("压力测试", 2024, record.id, dt.date.today() + dt.timedelta(days=30), school_ids)
        from webapp.rubrics.library import rubric_of

        rubric = rubric_of(record)
        numeric_page = next(
            d.id for d in rubric.dimensions if any(i.type.value == "number" for item in d.items for i in item.inputs)
        )
        for assessment in db.session.execute(db.select(Assessment)).scalars():
            user = db.session.execute(db.select(User).where(User.school_id == assessment.school_id)).scalar_one()
            accounts.append((user.username, assessment.id, numeric_page))
        db.session.remove()
        db.engine.dispose()
    return len(rubric.items), accounts


class Client:
    """One virtual user: a keep-alive connection and a cookie."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookie = ""

    def request(self, method: str, path: str, body: dict[str, object] | None = None) -> tuple[int, str]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                if attempt:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and value.startswith("selfcheck="):
                self.cookie = value.split(";", 1)[0]
        return response.status, text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between a user's actions, seconds")
    parser.add_argument(
        "--database",
        default=os.environ.get("SELFCHECK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
    )
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    name = f"selfcheck_load_{uuid.uuid4().hex[:8]}"
    admin = create_engine(args.database, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    url = make_url(args.database).set(database=name).render_as_string(hide_password=False)
    instance = Path(tempfile.mkdtemp(prefix="selfcheck-load-"))
    server = None
    try:
        items, accounts = build(url, args.users, instance)
        env = dict(
            os.environ,
            SELFCHECK_SQLALCHEMY_DATABASE_URI=url,
            SELFCHECK_INSTANCE_PATH=str(instance),
            SELFCHECK_BIND=f"127.0.0.1:{args.port}",
            SELFCHECK_WORKERS=str(args.workers),
            SELFCHECK_THREADS=str(args.threads),
            SELFCHECK_LOG_LEVEL="warning",
            SELFCHECK_LOGIN_MAX_FAILURES_PER_IP="100000",
        )
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                str(ROOT / "config/gunicorn.conf.py"),
                "--access-logfile",
                "/dev/null",
                "webapp.wsgi:app",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", args.port, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        timings: dict[str, list[float]] = defaultdict(list)
        errors: dict[str, int] = defaultdict(int)
        last_saved: dict[int, str] = {}
        lock = threading.Lock()
        stop_at = time.monotonic() + args.seconds
        start_barrier = threading.Barrier(len(accounts))

        def user(username: str, assessment_id: int, page_id: str) -> None:
            rng = random.Random(username)
            client = Client(args.port)
            _, login_page = client.request("GET", "/login")
            token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page)
            status, _ = client.request(
                "POST",
                "/login",
                {"username": username, "password": PASSWORD, "csrf_token": token.group(1) if token else ""},
            )
            if status != 302:
                with lock:
                    errors["login"] += 1
                return
            start_barrier.wait()
            url_path = f"/school/assessments/{assessment_id}/{page_id}"
            n = 0
            while time.monotonic() < stop_at:
                time.sleep(rng.expovariate(1 / args.think) if args.think else 0)
                began = time.perf_counter()
                status, html = client.request("GET", url_path)
                with lock:
                    timings["open page (GET)"].append((time.perf_counter() - began) * 1000)
                    if status != 200:
                        errors["open page (GET)"] += 1
                if status != 200:
                    continue
                version = re.search(r'name="version" type="hidden" value="(\d+)"', html)
                token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
                field = re.search(
                    r'name="fields" value="([^"]+)">\s*<label for="[^"]+">[^<]*</label>\s*'
                    r'<div class="input-unit">',
                    html,
                )
                if not version or not field:
                    with lock:
                        errors["page without a number field"] += 1
                    continue
                n += 1
                value = str(rng.randint(1, 500))
                time.sleep(rng.expovariate(1 / args.think) if args.think else 0)
                began = time.perf_counter()
                status, _ = client.request(
                    "POST",
                    url_path,
                    {
                        "version": version.group(1),
                        "fields": field.group(1),
                        field.group(1): value,
                        "csrf_token": token.group(1) if token else "",
                    },
                )
                with lock:
                    timings["save page (POST)"].append((time.perf_counter() - began) * 1000)
                    if status == 303:
                        last_saved[assessment_id] = f"{field.group(1)}={value}"
                    else:
                        errors[f"save page (POST) {status}"] += 1

        threads = [threading.Thread(target=user, args=account, daemon=True) for account in accounts]
        began = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=args.seconds + 120)
        elapsed = time.monotonic() - began
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            try:
                _, stderr = server.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                _, stderr = server.communicate()
            server_errors = [
                line for line in stderr.decode(errors="replace").splitlines() if "Traceback" in line or "ERROR" in line
            ]
    # lost saves: compare what each user last saved with what the database holds
    engine = create_engine(url, poolclass=NullPool)
    lost = 0
    with engine.connect() as connection:
        for assessment_id, saved in last_saved.items():
            key, value = saved.split("=", 1)
            stored = connection.execute(
                text("SELECT raw FROM answer WHERE assessment_id = :a AND key = :k"), {"a": assessment_id, "k": key}
            ).scalar()
            if stored != value:
                lost += 1
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()

    total = sum(len(v) for v in timings.values())
    print(
        f"gunicorn {args.workers} workers × {args.threads} threads, PostgreSQL, {args.users} users, "
        f"{args.seconds:g} s, think {args.think:g} s; rubric of {items} items; loopback only"
    )
    print(f"requests: {total} in {elapsed:.1f} s = {total / elapsed:.1f} requests/s")
    for endpoint, values in sorted(timings.items()):
        print(
            f"  {endpoint:<18} n={len(values):<6} p50 {statistics.median(values):7.1f} ms   "
            f"p95 {percentile(values, 0.95):7.1f} ms   p99 {percentile(values, 0.99):7.1f} ms"
        )
    error_count = sum(errors.values())
    print(f"errors: {error_count} {dict(errors) if errors else ''}; server errors logged: {len(server_errors)}")
    print(f"saves checked: {len(last_saved)} schools, lost saves: {lost}")
    worst = max(percentile(v, 0.95) for v in timings.values()) if timings else float("nan")
    ok = worst < 300 and error_count == 0 and lost == 0
    print(
        f"goal (p95 < 300 ms, 0 errors, 0 lost saves): {'reached' if ok else 'not reached'} (worst p95 {worst:.1f} ms)"
    )


if __name__ == "__main__":
    main()
