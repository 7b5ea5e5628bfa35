"""The report fonts: Noto CJK SC cut to GB 2312 once, renamed, cached; nothing breaks without them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from reports import fonts
from reports.render import Renderer


def test_the_character_set_holds_gb2312_and_the_reports_punctuation() -> None:
    points = set(fonts.charset())
    hanzi = [p for p in points if 0x4E00 <= p <= 0x9FFF]
    assert len(hanzi) == 6763  # GB 2312 level 1 and 2
    for char in "〔〕《》“”‘’—…·≥≤①√×％（）：；、。，":
        assert ord(char) in points, char
    assert ord("堃") not in points  # beyond GB 2312: the full font's job


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[fonts.MadeFont, ...]:
    result = fonts.report_fonts(tmp_path_factory.mktemp("fonts"))
    if not result:
        pytest.skip("no HarfBuzz subsetter or no Debian Noto CJK fonts here")
    return result


def test_each_face_is_cut_renamed_and_much_smaller(made: tuple[fonts.MadeFont, ...]) -> None:
    assert [(m.face.family, m.face.weight) for m in made] == [
        ("Selfcheck Sans", "normal"),
        ("Selfcheck Sans", "bold"),
        ("Selfcheck Serif", "normal"),
    ]
    for m in made:
        font = TTFont(io.BytesIO(m.path.read_bytes()), lazy=True)
        assert font["name"].getDebugName(1) == m.face.family
        assert font["name"].getDebugName(16) is None  # no typographic family left saying "Noto"
        cmap = font.getBestCmap()
        assert ord("评") in cmap and ord("〔") in cmap and ord("堃") not in cmap
        assert m.path.stat().st_size < (fonts.NOTO_DIR / m.face.source).stat().st_size / 4


def test_the_cut_fonts_are_made_once_and_reused(made: tuple[fonts.MadeFont, ...]) -> None:
    folder = made[0].path.parent
    stamps = {m.path: m.path.stat().st_mtime_ns for m in made}
    again = fonts.report_fonts(folder)
    assert [m.path for m in again] == list(stamps)
    assert all(m.path.stat().st_mtime_ns == stamps[m.path] for m in again)
    assert not list(folder.glob("*.part"))


def test_without_the_debian_fonts_the_report_still_renders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(fonts, "NOTO_DIR", tmp_path / "nowhere")
    assert fonts.report_fonts(tmp_path / "cache") == ()
    renderer = Renderer(font_cache=tmp_path / "cache")
    assert renderer.fonts == ()
    assert renderer.pdf("<p>没有裁剪字体也能生成</p>").startswith(b"%PDF-")
