"""View-model → HTML (Jinja2, autoescaped) → PDF (WeasyPrint 70).

A :class:`Renderer` holds what is costly to prepare and safe to reuse: the Jinja environment,
the stylesheet parsed once, and WeasyPrint's font configuration. One per process
(:func:`get_renderer`), so a batch worker pays for them once. Every render gets a fresh
:class:`reports.fetcher.StaticOnlyFetcher`, kept as ``last_fetcher`` for inspection.

Fonts come from Debian's fonts-noto-cjk through fontconfig (no ``@font-face``, nothing
fetched): Noto Serif CJK SC for the body (宋体-like) and Noto Sans CJK SC for headings and
tables (黑体-like), as official reports are set.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from checklist.scoring import format_number
from reports.build import inner_quotes
from reports.fetcher import StaticOnlyFetcher
from reports.model import RegionReport, SchoolReport
from reports.watermark import watermark_file

LOGGER = logging.getLogger(__name__)
PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"
STYLESHEET = "report.css"
UA_STYLESHEET = "ua.css"
SUBSETTER_WARNING = (
    "WeasyPrint 未能加载 HarfBuzz 字体子集库（libharfbuzz-subset0），将退回纯 Python 子集化，"
    "生成 PDF 约慢 6 倍。请安装：apt-get install libharfbuzz-subset0"
)


@functools.cache
def subsetter_available() -> bool:
    """Whether WeasyPrint found HarfBuzz's subsetter (checked once per process; logs a warning
    when it did not: the pure-Python fallback makes every report about 6× slower)."""
    try:
        from weasyprint.text.ffi import harfbuzz, harfbuzz_subset
    except ImportError:  # pragma: no cover - a WeasyPrint without the module
        ok = False
    else:
        ok = harfbuzz_subset is not None and bool(harfbuzz.hb_version_atleast(4, 1, 0))
    if not ok:
        LOGGER.warning(SUBSETTER_WARNING)
    return ok


def _num(value: float | None) -> str:
    return "—" if value is None else format_number(value)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{format_number(value)}%"


@functools.cache
def jinja_env() -> Environment:
    """The templates' environment: autoescape on for every template, undefined names fail."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["num"] = _num
    env.filters["pct"] = _pct
    env.filters["inner_quotes"] = inner_quotes
    env.globals["watermark_file"] = watermark_file
    return env


FONT_FAMILIES = ("mixed", "sans")
_SERIF = '"Noto Serif CJK SC", serif'
_SANS = '"Noto Sans CJK SC", sans-serif'


def _report_html_class(ua_sheet: Any) -> Any:
    """WeasyPrint's HTML with the templates' own user-agent stylesheet (static/ua.css).

    Matching every element against WeasyPrint's full html5_ua.css takes about 12 % of a
    render. ``_ua_stylesheets`` is WeasyPrint's own (private) hook for it: should an upgrade
    rename it, this override is simply not called and the full stylesheet applies again —
    slower, same look (tests/reports check the hook still exists).
    """

    class ReportHTML(HTML):  # type: ignore[misc]  # WeasyPrint ships no type hints
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [ua_sheet]

    return ReportHTML


@contextlib.contextmanager
def _collect_after() -> Iterator[None]:
    """Hold the cyclic garbage collector off during a render and collect once after it.

    A render allocates a few hundred thousand objects (boxes, styles, glyph runs); the
    collector, triggered again and again while they pile up, takes 10–15 % of the time.
    With collection off nothing is promoted, so everything the render allocated is still in
    the youngest generation: one generation-0 collection afterwards frees its cycles without
    walking the long-lived objects.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
            gc.collect(0)


class Renderer:
    """Renders view-models to HTML and PDF, reusing the parsed CSS and the font config.

    ``family="mixed"`` (the default) sets running text in Noto Serif CJK SC and headings and
    tables in Noto Sans CJK SC; ``"sans"`` uses Noto Sans CJK SC throughout: about 10 % faster
    and a third smaller, for large batches where that matters more than the look.
    """

    def __init__(self, static_dir: Path = STATIC_DIR, stylesheet: str = STYLESHEET, family: str = "mixed") -> None:
        if family not in FONT_FAMILIES:
            raise ValueError(f"unknown font family {family!r}; use one of {FONT_FAMILIES}")
        subsetter_available()
        self.static_dir = static_dir.resolve()
        self.family = family
        self.env = jinja_env()
        self.font_config = FontConfiguration()
        css = (self.static_dir / stylesheet).read_text(encoding="utf-8")
        if family == "sans":
            css = css.replace(_SERIF, _SANS)
        self.stylesheet = CSS(
            string=css,
            base_url=self.static_dir.as_uri() + "/",
            url_fetcher=StaticOnlyFetcher(self.static_dir),
            font_config=self.font_config,
        )
        self.html_class = _report_html_class(
            CSS(
                string=(self.static_dir / UA_STYLESHEET).read_text(encoding="utf-8"),
                url_fetcher=StaticOnlyFetcher(self.static_dir),
            )
        )
        self.last_fetcher: StaticOnlyFetcher | None = None
        self._lock = threading.Lock()

    def html(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)

    def pdf(self, html: str) -> bytes:
        """HTML to PDF bytes. Only the static folder and data: URIs can be reached."""
        fetcher = StaticOnlyFetcher(self.static_dir)
        with self._lock, _collect_after():  # WeasyPrint's font config is not thread-safe
            document = self.html_class(
                string=html,
                base_url=self.static_dir.as_uri() + "/",
                url_fetcher=fetcher,
            ).render(stylesheets=[self.stylesheet], font_config=self.font_config)
            self.last_fetcher = fetcher
            pdf: bytes = document.write_pdf()
        return pdf

    def school_html(self, report: SchoolReport) -> str:
        return self.html("school_report.html", report=report)

    def school_pdf(self, report: SchoolReport) -> bytes:
        return self.pdf(self.school_html(report))

    def region_html(self, report: RegionReport) -> str:
        return self.html("region_report.html", report=report)

    def region_pdf(self, report: RegionReport) -> bytes:
        return self.pdf(self.region_html(report))


_renderers: dict[str, Renderer] = {}
_renderer_lock = threading.Lock()


def get_renderer(family: str = "mixed") -> Renderer:
    """This process's renderer for a font family, created on first use and kept."""
    with _renderer_lock:
        if family not in _renderers:
            _renderers[family] = Renderer(family=family)
        return _renderers[family]


def render_school_html(report: SchoolReport) -> str:
    return get_renderer().school_html(report)


def render_school_pdf(report: SchoolReport) -> bytes:
    """One school's 办学水平评估报告 as PDF bytes."""
    return get_renderer().school_pdf(report)


def render_region_html(report: RegionReport) -> str:
    return get_renderer().region_html(report)


def render_region_pdf(report: RegionReport) -> bytes:
    """The 区域汇总报告 as PDF bytes."""
    return get_renderer().region_pdf(report)
