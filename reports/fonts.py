"""The report fonts: Noto CJK SC cut down to GB 2312, made once per machine.

Debian's Noto Sans/Serif CJK files hold every CJK glyph of five regions (65,535 glyphs, 20–27
MB each). WeasyPrint subsets the fonts of every PDF it writes; from such a font that alone took
about a tenth of a report's time. Here each face the reports use is cut once to the characters
a Chinese report is written in — GB 2312 (6,763 hanzi and its symbols), ASCII, Latin-1,
punctuation, arrows, ①… — with HarfBuzz's subsetter (a third of a second for the three faces),
renamed "Selfcheck Sans"/"Selfcheck Serif" and kept in a cache folder. The stylesheet lists
them first and the full Noto CJK SC after them, so a character outside GB 2312 (a rare name)
still prints, from the full font.

Nothing here is needed for a correct report: without HarfBuzz's subsetter or the Debian fonts,
:func:`report_fonts` returns nothing and the stylesheet's next families apply.
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LOGGER = logging.getLogger(__name__)
NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
CHARSET_VERSION = "gb2312-1"  # change when the character set below changes: the cache follows


@dataclass(frozen=True)
class Face:
    """One face the reports use: the CSS family and weight, and the Debian file it is cut from."""

    family: str  # as the stylesheet names it
    weight: str  # normal | bold
    source: str  # file name under NOTO_DIR
    source_family: str  # the face inside the collection

    @property
    def file_name(self) -> str:
        return f"{self.family.replace(' ', '')}-{self.weight}.otf"


FACES = (
    Face("Selfcheck Sans", "normal", "NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
    Face("Selfcheck Sans", "bold", "NotoSansCJK-Bold.ttc", "Noto Sans CJK SC"),
    Face("Selfcheck Serif", "normal", "NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"),
)


def charset() -> list[int]:
    """The code points kept: GB 2312, ASCII and Latin-1, and the punctuation and symbols of
    Chinese documents (— … 〔〕 《》 ≥ ≤ ① √ ×)."""
    points = set(range(0x20, 0x7F)) | set(range(0xA0, 0x180))
    for block in ((0x2000, 0x2070), (0x2100, 0x2150), (0x2190, 0x2200), (0x2200, 0x2300), (0x2460, 0x2500)):
        points |= set(range(*block))
    points |= set(range(0x2500, 0x2600)) | set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0))
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                points.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return sorted(points)


def default_cache_dir() -> Path:
    """Where the cut fonts are kept: ``$XDG_CACHE_HOME/selfcheck/fonts`` (~/.cache/…)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "selfcheck" / "fonts"


@dataclass(frozen=True)
class MadeFont:
    face: Face
    path: Path


def report_fonts(cache_dir: Path | None = None, faces: Iterable[Face] = FACES) -> tuple[MadeFont, ...]:
    """The cut fonts, made now if the cache does not have them; () when they cannot be made."""
    folder = cache_dir or default_cache_dir()
    made: list[MadeFont] = []
    for face in faces:
        path = _cached(face, folder)
        if path is not None:
            made.append(MadeFont(face, path))
    return tuple(made)


def _cached(face: Face, folder: Path) -> Path | None:
    source = NOTO_DIR / face.source
    try:
        stat = source.stat()
    except OSError:
        LOGGER.info("报告字体：未找到 %s，使用系统字体", source)
        return None
    key = hashlib.sha256(f"{source}|{stat.st_size}|{stat.st_mtime_ns}|{CHARSET_VERSION}".encode()).hexdigest()[:12]
    path = folder / f"{key}-{face.file_name}"
    if path.is_file():
        return path
    data = cut(face, source)
    if data is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".part") as tmp:
            tmp.write(data)
        os.replace(tmp.name, path)  # two workers making it at once: the last one wins, whole
    except OSError as exc:
        LOGGER.warning("报告字体无法写入缓存 %s：%s", folder, exc)
        return None
    return path


def cut(face: Face, source: Path) -> bytes | None:
    """The face cut down to :func:`charset` and renamed, as OpenType bytes (None on failure)."""
    index = _face_index(source, face.source_family)
    if index is None:
        return None
    data = _harfbuzz_cut(source, index, charset())
    return _renamed(data, face) if data else None


@functools.cache
def _face_index(source: Path, family: str) -> int | None:
    from fontTools.ttLib import TTCollection

    try:
        collection = TTCollection(str(source), lazy=True)
    except Exception as exc:  # not a collection, unreadable
        LOGGER.warning("报告字体：无法读取 %s（%s）", source, exc)
        return None
    try:
        for index, font in enumerate(collection.fonts):
            if font["name"].getDebugName(1) == family:
                return index
        return None
    finally:
        collection.close()


_CDEF = """
typedef struct hb_blob_t hb_blob_t;
typedef struct hb_face_t hb_face_t;
typedef struct hb_set_t hb_set_t;
typedef struct hb_subset_input_t hb_subset_input_t;
typedef uint32_t hb_codepoint_t;
hb_blob_t * hb_blob_create_from_file_or_fail (const char *file_name);
hb_face_t * hb_face_create (hb_blob_t *blob, unsigned int index);
void hb_face_destroy (hb_face_t *face);
void hb_blob_destroy (hb_blob_t *blob);
hb_blob_t * hb_face_reference_blob (hb_face_t *face);
const char * hb_blob_get_data (hb_blob_t *blob, unsigned int *length);
void hb_set_add_range (hb_set_t *set, hb_codepoint_t first, hb_codepoint_t last);
void hb_set_add (hb_set_t *set, hb_codepoint_t codepoint);
void hb_set_clear (hb_set_t *set);
void hb_set_invert (hb_set_t *set);
hb_subset_input_t * hb_subset_input_create_or_fail (void);
hb_set_t * hb_subset_input_unicode_set (hb_subset_input_t *input);
hb_set_t * hb_subset_input_set (hb_subset_input_t *input, int set_type);
void hb_subset_input_set_flags (hb_subset_input_t *input, unsigned value);
hb_face_t * hb_subset_or_fail (hb_face_t *source, const hb_subset_input_t *input);
void hb_subset_input_destroy (hb_subset_input_t *input);
"""
_SETS_LAYOUT_FEATURE_TAG = 6
_FLAGS = 0x1 | 0x4  # HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_DESUBROUTINIZE


@functools.cache
def _harfbuzz() -> tuple[Any, Any, Any] | None:
    try:
        import cffi

        ffi = cffi.FFI()
        ffi.cdef(_CDEF)
        return ffi, ffi.dlopen("libharfbuzz.so.0"), ffi.dlopen("libharfbuzz-subset.so.0")
    except (ImportError, OSError, AttributeError) as exc:
        LOGGER.info("报告字体：未能加载 HarfBuzz 子集库（%s），使用系统字体", exc)
        return None


def _harfbuzz_cut(source: Path, index: int, points: list[int]) -> bytes | None:
    loaded = _harfbuzz()
    if loaded is None:
        return None
    ffi, hb, hbs = loaded
    blob = hb.hb_blob_create_from_file_or_fail(str(source).encode())
    if blob == ffi.NULL:
        return None
    face = hb.hb_face_create(blob, index)
    plan = hbs.hb_subset_input_create_or_fail()
    try:
        unicodes = hbs.hb_subset_input_unicode_set(plan)
        for point in points:
            hb.hb_set_add(unicodes, point)
        features = hbs.hb_subset_input_set(plan, _SETS_LAYOUT_FEATURE_TAG)
        hb.hb_set_clear(features)
        hb.hb_set_invert(features)  # every layout feature: shaping stays as with the full font
        hbs.hb_subset_input_set_flags(plan, _FLAGS)
        result = hbs.hb_subset_or_fail(face, plan)
        if result == ffi.NULL:
            return None
        out = hb.hb_face_reference_blob(result)
        length = ffi.new("unsigned int *")
        data = bytes(ffi.buffer(hb.hb_blob_get_data(out, length), length[0]))
        hb.hb_blob_destroy(out)
        hb.hb_face_destroy(result)
        return data
    finally:
        hbs.hb_subset_input_destroy(plan)
        hb.hb_face_destroy(face)
        hb.hb_blob_destroy(blob)


def _renamed(data: bytes, face: Face) -> bytes | None:
    """The font under its own family name (a derivative of an OFL font is renamed); only the
    name table is rewritten, the outlines are copied as they are."""
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(io.BytesIO(data), lazy=True)
        names = font["name"]
        style = "Bold" if face.weight == "bold" else "Regular"
        full = face.family if style == "Regular" else f"{face.family} {style}"
        postscript = f"{face.family.replace(' ', '')}-{style}"
        for record in list(names.names):
            if record.nameID in (16, 17, 21, 22):
                names.removeNames(nameID=record.nameID)
        for name_id, text in ((1, face.family), (2, style), (3, f"{postscript};selfcheck"), (4, full), (6, postscript)):
            names.setName(text, name_id, 3, 1, 0x409)
            names.setName(text, name_id, 1, 0, 0)
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()
    except Exception as exc:  # a font fontTools cannot rewrite: keep the system fonts
        LOGGER.warning("报告字体：无法改名（%s），使用系统字体", exc)
        return None


def font_face_css(fonts: Iterable[MadeFont]) -> str:
    """The @font-face rules for the cut fonts (their files are fetched from the cache only)."""
    return "\n".join(
        f'@font-face {{ font-family: "{m.face.family}"; font-weight: {m.face.weight}; src: url("{m.path.as_uri()}"); }}'
        for m in fonts
    )
