"""View-model → HTML (Jinja2, autoescaped) → PDF/A-3u (WeasyPrint 70).

A :class:`Renderer` holds what is costly to prepare and safe to reuse: the Jinja environment,
the stylesheet parsed once, WeasyPrint's font configuration with the report fonts loaded
(:mod:`reports.fonts`). One per process (:func:`get_renderer`), so a batch worker pays for them
once. Every render gets a fresh :class:`reports.fetcher.StaticOnlyFetcher`, kept as
``last_fetcher`` for inspection.

Fonts: Noto Serif CJK SC for the body (宋体-like) and Noto Sans CJK SC for headings and tables
(黑体-like), as official reports are set, from Debian's fonts-noto-cjk — cut down to GB 2312
once per machine, with the full fonts and DejaVu behind them for any other character.

The PDFs are PDF/A-3u (``pdf_variant``): XMP identification, an sRGB output intent, every font
embedded, Unicode text — fit for a bureau's archive. Two steps of the write are done here
rather than by WeasyPrint's defaults, each measured: the templates write well-formed XHTML,
parsed with the standard library's expat instead of the pure-Python HTML5 parser (the latter is
kept as a fallback), and each PDF stream is compressed once at zlib level 6 (pydyf compresses
at level 9, and a second time to compute the file identifier PDF/A needs).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import re
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import cssselect2
import pydyf
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from checklist.scoring import format_number
from reports.build import inner_quotes
from reports.fetcher import StaticOnlyFetcher
from reports.fonts import font_face_css, report_fonts
from reports.model import RegionReport, SchoolReport
from reports.watermark import watermark_file

LOGGER = logging.getLogger(__name__)
PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"
STYLESHEET = "report.css"
UA_STYLESHEET = "ua.css"
PDF_VARIANT = "pdf/a-3u"
OUTPUT_INTENT = "selfcheck-srgb"  # the key of our sRGB profile among the document's color profiles
ZLIB_LEVEL = 6
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


@functools.cache
def srgb_profile() -> Any:
    """WeasyPrint's own sRGB ICC profile (the PDF/A output intent), read once per process."""
    from importlib.resources import files

    from weasyprint.css import ColorProfile

    with (files("weasyprint.pdf") / "sRGB2014.icc").open("rb") as fh:
        return ColorProfile(fh, "sRGB2014.icc", "relative-colorimetric", (["r"], ["g"], ["b"]))


def _num(value: float | None) -> str:
    return "—" if value is None else format_number(value)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{format_number(value)}%"


# What must not be split across lines: 第14条, 第14—41条, 1条, 10%, 2025年3月31日.
_WHOLE = re.compile(
    r"第[\d一二三四五六七八九十百]+(?:[—–\-~至][\d一二三四五六七八九十百]+)?[条款项章节部分]"
    r"|\d+(?:\.\d+)?(?:条|项|个|人|次|节|%|分钟|小时)|\d{4}年\d{1,2}月\d{1,2}日"
)


def _pieces(text: str) -> list[tuple[str, bool]]:
    """The text in pieces, each with whether it must stay on one line (the template wraps
    those in a nobr span; every piece is still escaped by the template)."""
    parts: list[tuple[str, bool]] = []
    last = 0
    for match in _WHOLE.finditer(text):
        if match.start() > last:
            parts.append((text[last : match.start()], False))
        parts.append((match.group(0), True))
        last = match.end()
    if last < len(text):
        parts.append((text[last:], False))
    return parts


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
    env.filters["pieces"] = _pieces
    env.globals["watermark_file"] = watermark_file
    return env


FONT_FAMILIES = ("mixed", "sans")
_SERIF = '"Selfcheck Serif", "Noto Serif CJK SC", "DejaVu Serif", serif'
_SANS = '"Selfcheck Sans", "Noto Sans CJK SC", "DejaVu Sans", sans-serif'


def _report_html_class(ua_sheet: Any) -> Any:
    """WeasyPrint's HTML with the templates' own user-agent stylesheet (static/ua.css), parsed
    as XHTML.

    Matching every element against WeasyPrint's full html5_ua.css takes about 12 % of a
    render. ``_ua_stylesheets`` is WeasyPrint's own (private) hook for it: should an upgrade
    rename it, this override is simply not called and the full stylesheet applies again —
    slower, same look (tests/reports check the hook still exists).

    The templates write well-formed XHTML, which expat (C) parses in a few milliseconds where
    tinyhtml5 (pure Python) takes 40; the tree is the same (tests/reports compare the pages
    pixel by pixel). HTML that is not well-formed goes to WeasyPrint's own parser.
    """

    class ReportHTML(HTML):  # type: ignore[misc]  # WeasyPrint ships no type hints
        def __init__(self, *, string: str, base_url: str, url_fetcher: Any) -> None:
            try:
                root = ElementTree.fromstring(string)
            except ElementTree.ParseError:
                LOGGER.debug("report HTML is not well-formed XHTML: parsed as HTML5")
                super().__init__(string=string, base_url=base_url, url_fetcher=url_fetcher)
                return
            self.base_url = base_url
            self.url_fetcher = url_fetcher
            self.media_type = "print"
            self.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
            self.etree_element = self.wrapper_element.etree_element

        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [ua_sheet]

    return ReportHTML


class _PackedStream(pydyf.Stream):  # type: ignore[misc]  # pydyf ships no type hints
    """A finished PDF stream whose bytes were made once (see :func:`pack_streams`)."""

    packed: bytes

    @property
    def data(self) -> bytes:
        return self.packed


def _stream_bytes(stream: Any) -> bytes:
    """pydyf.Stream.data, compressed at ZLIB_LEVEL instead of 9."""
    body = b"\n".join(pydyf._to_bytes(item) for item in stream.stream)
    extra = pydyf.Dictionary(stream.extra.copy())
    if stream.compress:
        extra["Filter"] = "/FlateDecode"
        body = zlib.compress(body, ZLIB_LEVEL)
    extra["Length"] = len(body)
    return b"\n".join((extra.data, b"stream", body, b"endstream"))


def pack_streams(document: Any, pdf: Any) -> None:
    """A WeasyPrint ``finisher``: make every stream's bytes once, at zlib level 6.

    pydyf compresses a stream each time its ``data`` is read, at level 9, and reads every
    stream twice when the file needs an identifier (PDF/A does): once to write it, once to
    hash the file. Together that was about a tenth of a report's time. Only plain
    ``pydyf.Stream`` objects are packed; anything else is written as pydyf writes it."""
    for obj in pdf.objects:
        if type(obj) is pydyf.Stream:
            try:
                packed = _stream_bytes(obj)
            except AttributeError:  # a pydyf whose streams are made otherwise: leave them be
                return
            obj.packed = packed
            obj.__class__ = _PackedStream


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

    def __init__(
        self,
        static_dir: Path = STATIC_DIR,
        stylesheet: str = STYLESHEET,
        family: str = "mixed",
        font_cache: Path | None = None,
        pdf_variant: str | None = PDF_VARIANT,
    ) -> None:
        if family not in FONT_FAMILIES:
            raise ValueError(f"unknown font family {family!r}; use one of {FONT_FAMILIES}")
        subsetter_available()
        self.static_dir = static_dir.resolve()
        self.family = family
        self.pdf_variant = pdf_variant
        self.env = jinja_env()
        self.font_config = FontConfiguration()
        self.fonts = report_fonts(font_cache)
        if self.fonts:  # registered with the font configuration as the CSS is parsed
            CSS(
                string=font_face_css(self.fonts),
                url_fetcher=StaticOnlyFetcher(self.fonts[0].path.parent, max_bytes=64 * 1024 * 1024),
                font_config=self.font_config,
            )
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
            ).render(stylesheets=[self.stylesheet], font_config=self.font_config, **self._pdf_options(True))
            self.last_fetcher = fetcher
            pdf: bytes = document.write_pdf(finisher=pack_streams, **self._pdf_options(False))
        return pdf

    def _pdf_options(self, render: bool) -> dict[str, Any]:
        """The PDF/A options. The sRGB output intent is our profile, loaded once: WeasyPrint's
        own would open (and leave open) its ICC file for every document."""
        if not self.pdf_variant:
            return {}
        options: dict[str, Any] = {"pdf_variant": self.pdf_variant, "output_intent": OUTPUT_INTENT}
        if render:
            options["color_profiles"] = {OUTPUT_INTENT: srgb_profile()}
        return options

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
