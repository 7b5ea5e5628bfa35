"""The security and reliability figures: runs the security suite (tests/security) and the route
× role matrix (tests/webapp/test_access_matrix.py) and prints what they counted.

    .venv/bin/python benchmarks/reliability.py [--postgres URL] [--no-browser] [--pdf-only]

On SQLite always; on PostgreSQL too when --postgres is given (or SELFCHECK_TEST_POSTGRES_URL is
set) and a server answers there. Every figure on a line marked "should be 0" that is not 0 is a
bug. The tests count as they go (tests/security/conftest.py: tally) and write the counts to
the file named by SELFCHECK_RELIABILITY_OUT.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def run_suite(backend: str, postgres_url: str, browser: bool) -> tuple[dict[str, int], dict[str, int], float]:
    """(figures, pytest outcome counts, seconds) for one backend."""
    env = {k: v for k, v in os.environ.items() if k != "SELFCHECK_TEST_POSTGRES_URL"}
    if backend == "postgresql":
        env["SELFCHECK_TEST_POSTGRES_URL"] = postgres_url
    with tempfile.TemporaryDirectory() as folder:
        out, junit = Path(folder) / "figures.json", Path(folder) / "junit.xml"
        env["SELFCHECK_RELIABILITY_OUT"] = str(out)
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"--junitxml={junit}",
            "tests/security",
            "tests/webapp/test_access_matrix.py",
        ]
        if not browser:
            command += ["-m", "not browser"]
        started = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        figures = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
        outcomes = {"tests": 0, "failed": 0, "errors": 0, "skipped": 0, "matrix_failed": 0}
        if junit.exists():
            for case in ET.parse(junit).getroot().iter("testcase"):
                outcomes["tests"] += 1
                failed = case.find("failure") is not None
                outcomes["failed"] += failed
                outcomes["errors"] += case.find("error") is not None
                outcomes["skipped"] += case.find("skipped") is not None
                if (
                    failed
                    and "test_access_matrix" in case.get("classname", "")
                    and "test_access[" in case.get("name", "")
                ):
                    outcomes["matrix_failed"] += 1
        if done.returncode not in (0, 1):
            print(done.stdout[-3000:], done.stderr[-3000:], sep="\n")
        return figures, outcomes, seconds


def report(backend: str, figures: dict[str, int], outcomes: dict[str, int], seconds: float) -> None:
    from tests.webapp.test_access_matrix import ACTORS, EXPECTED

    f = figures.get
    routes, actors = len(EXPECTED), len(ACTORS)
    print(
        f"\n== {backend}: {outcomes['tests']} tests, {outcomes['failed']} failed, {outcomes['errors']} errors, "
        f"{outcomes['skipped']} skipped, {seconds:.0f} s"
    )
    rows = [
        ("access: routes × roles checked", f"{routes} × {actors} = {routes * actors}", ""),
        ("access: unexpected outcomes (routes whose row failed)", outcomes["matrix_failed"], "should be 0"),
        ("oracle: list/export responses checked", f("oracle_responses", 0), ""),
        ("oracle: exported rows / archive members read", f("oracle_rows", 0), ""),
        ("oracle: schools shown outside the caller's scope", f("oracle_leaks", 0), "should be 0"),
        ("CSRF: state-changing routes / forged requests", f"{f('csrf_routes', 0)} / {f('csrf_requests', 0)}", ""),
        ("CSRF: forged requests not refused", f("csrf_requests", 0) - f("csrf_refused", 0), "should be 0"),
        ("sessions: replayed cookies refused", f("session_replays_refused", 0), ""),
        ("headers: responses checked (pages, errors, downloads)", f("header_responses", 0), ""),
        ("fuzz: inputs tried (web forms + CLI)", f("fuzz_inputs", 0), ""),
        ("fuzz: server errors / tracebacks", f("fuzz_server_errors", 0), "should be 0"),
        ("fuzz: accepted inputs read back exactly", f("fuzz_round_trips", 0), ""),
        ("files: malicious files tried", f("malicious_files_tried", 0), ""),
        ("files: malicious files accepted", f("malicious_files_accepted", 0), "should be 0"),
        ("files: odd names stored under generated keys", f("odd_names_tried", 0), ""),
        ("XSS: pages rendered with hostile data", f("xss_pages_rendered", 0), ""),
        ("XSS: executable markup found", f("xss_executable_markup", 0), "should be 0"),
        (
            "browser: pages visited / dialogs / CSP violations",
            f"{f('browser_pages', 0)} / {f('browser_dialogs', 0)} / {f('csp_violations', 0)}",
            "dialogs, violations 0",
        ),
        (
            "Excel: exports checked / formula cells",
            f"{f('xlsx_exports_checked', 0)} / {f('xlsx_formula_cells', 0)}",
            "formulas 0",
        ),
        ("PDF: reports rendered / payloads each", f"{f('pdf_rendered', 0)} / 5", ""),
        ("PDF: fetches escaped (attachment, canary, /etc/passwd)", f("pdf_fetches_escaped", 0), "should be 0"),
        ("concurrency: writers / attempts", f"{f('concurrent_writers', 0)} / {f('concurrent_attempts', 0)}", ""),
        ("concurrency: stale saves refused", f("stale_saves_refused", 0), ""),
        ("concurrency: lost updates", f("lost_updates", 0), "should be 0"),
        ("round two: hostile PDFs refused (object streams, filters, XFA)", f("hostile_pdfs_refused", 0), ""),
        ("round two: passwords checked in a burst of 40 (limit 5)", f("login_burst_checked", 0), "should be ≤ 5"),
        ("round two: deleted ids that came back", f("ids_reused", 0), "should be 0"),
        (
            "faults injected / half-written results",
            f"{f('faults_injected', 0)} / {f('half_written_after_fault', 0)}",
            "half-written 0",
        ),
    ]
    for label, value, note in rows:
        print(f"  {label:<58} {value!s:>14}  {note}")


def pdf_check_figures() -> None:
    """Judge hostile and ordinary PDFs of up to 20 MB with the upload check as configured by
    default; print the verdict, wall time and the check's CPU time (its child process's)."""
    import io
    import resource
    import zlib

    import pikepdf

    from tests.pdfs import with_stream
    from webapp.school.pdfcheck import check_pdf
    from webapp.school.storage import EvidenceStore

    limits = EvidenceStore(Path("/nonexistent"), 20 << 20, 100 << 20).pdf_limits
    big = 20 << 20

    def many_objects() -> bytes:
        pdf = pikepdf.new()
        pdf.add_blank_page()
        pdf.Root.Big = pdf.make_indirect(
            pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(A=i)) for i in range(250_000)])
        )
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable)
        return out.getvalue()

    def scanned() -> bytes:  # 100 pages, each a 190 kB JPEG-coded image and a little text
        pdf = pikepdf.new()
        for n in range(100):
            image = pikepdf.Stream(pdf, os.urandom(190_000))
            image.Type, image.Subtype, image.Width, image.Height = pikepdf.Name.XObject, pikepdf.Name.Image, 800, 1100
            image.ColorSpace, image.BitsPerComponent, image.Filter = pikepdf.Name.DeviceRGB, 8, pikepdf.Name.DCTDecode
            page = pdf.add_blank_page()
            page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
            page.Contents = pdf.make_stream(zlib.compress(b"q 595 0 0 842 0 0 cm /Im0 Do Q BT (page %d) Tj ET" % n))
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()

    cases = [
        ("quadratic for the old regex (280 kB)", b"%PDF-1.4\n" + b"stream\n" * 40000),
        ("'stream' repeated, no xref (20 MB)", (b"%PDF-1.4\n" + b"stream\n" * 3_000_000)[:big]),
        (
            "tiny objects, no xref (20 MB)",
            b"%PDF-1.4\n" + b"".join(b"%d 0 obj<</A 1>>endobj\n" % i for i in range(1, 820_000)),
        ),
        ("valid, 250,000 objects", many_objects()),
        ("Flate bomb (400 MB of zeros)", with_stream(["FlateDecode"], raw=zlib.compress(b"\0" * 400_000_000, 9))),
        ("ordinary scan, 100 pages", scanned()),
    ]
    print("\n== the PDF check (webapp/pdfcheck.py), one child process per file")
    print(f"  {'file':<40} {'size':>8} {'verdict':>12} {'wall s':>7} {'cpu s':>7}")
    with tempfile.TemporaryDirectory() as folder:
        for name, data in cases:
            path = Path(folder) / "x.pdf"
            path.write_bytes(data)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            verdict = check_pdf(path, limits)
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
            print(f"  {name:<40} {len(data) / 1e6:>6.1f}MB {verdict:>12} {wall:>7.2f} {cpu:>7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=os.environ.get("SELFCHECK_TEST_POSTGRES_URL", ""))
    parser.add_argument("--no-browser", action="store_true", help="skip the chromium checks")
    parser.add_argument("--pdf-only", action="store_true", help="only the PDF check's figures")
    args = parser.parse_args()
    print(
        f"selfcheck reliability figures — {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    backends = [("sqlite", "")]
    if args.postgres:
        up = (
            subprocess.run([sys.executable, "scripts/service_up.py", "postgres", args.postgres], cwd=ROOT).returncode
            == 0
        )
        if up:
            backends.append(("postgresql", args.postgres))
        else:
            print(f"PostgreSQL at {args.postgres} does not answer: SQLite only")
    pdf_check_figures()
    if args.pdf_only:
        return
    for backend, url in backends:
        figures, outcomes, seconds = run_suite(backend, url, not args.no_browser)
        report(backend, figures, outcomes, seconds)


if __name__ == "__main__":
    main()
