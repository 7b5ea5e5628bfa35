"""Dependencies (T54): the versions the security plan relies on, and scripts/audit-deps telling
"vulnerable" (fail) from "could not reach the database" (warn, pass) from "clean"."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "audit-deps"


def numbers(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:2] if part.isdigit())


def test_security_relevant_versions() -> None:
    assert numbers(version("weasyprint")) >= (70, 0)  # the fetcher applies to every channel
    assert numbers(version("werkzeug")) >= (3, 1)
    assert numbers(version("flask")) >= (3, 1)  # MAX_FORM_MEMORY_SIZE and MAX_FORM_PARTS
    import defusedxml  # noqa: F401  (openpyxl refuses entity tricks only with it)


def fake_pip_audit(tmp_path: Path, stdout: str, stderr: str = "", code: int = 0) -> dict[str, str]:
    tool = tmp_path / "pip-audit"
    tool.write_text(
        f"#!{sys.executable}\nimport sys\nsys.stdout.write({stdout!r})\nsys.stderr.write({stderr!r})\nsys.exit({code})\n"
    )
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    return {**os.environ, "SELFCHECK_PIP_AUDIT": str(tool)}


def run(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, env=env, timeout=60)


REPORT_CLEAN = {"dependencies": [{"name": "flask", "version": "3.1.3", "vulns": []}], "fixes": []}
REPORT_VULN = {
    "dependencies": [
        {"name": "flask", "version": "3.1.3", "vulns": []},
        {"name": "weasyprint", "version": "60.0", "vulns": [{"id": "GHSA-35jj-wx47-4w8r", "fix_versions": ["61.2"]}]},
    ]
}
REPORT_UNREACHED = {
    "dependencies": [
        {"name": n, "skip_reason": f"Dependency not found on PyPI and could not be audited: {n} (1.0)"}
        for n in ("flask", "weasyprint")
    ]
}


@pytest.mark.parametrize(
    ("stdout", "stderr", "code", "exit_code", "words"),
    [
        (json.dumps(REPORT_CLEAN), "", 0, 0, "no known vulnerabilities in 1 packages"),
        (json.dumps(REPORT_VULN), "", 1, 1, "GHSA-35jj-wx47-4w8r (fix: 61.2)"),
        (json.dumps(REPORT_UNREACHED), "", 0, 0, "could not reach the vulnerability database"),
        ("", "requests.exceptions.ConnectionError: Max retries exceeded with url", 1, 0, "could not reach"),
        ("", "error: unrecognized arguments", 2, 2, "pip-audit failed"),
    ],
)
def test_audit_deps_tells_the_cases_apart(
    tmp_path: Path, stdout: str, stderr: str, code: int, exit_code: int, words: str
) -> None:
    done = run(fake_pip_audit(tmp_path, stdout, stderr, code))
    assert done.returncode == exit_code, done.stderr
    assert words in done.stdout + done.stderr
