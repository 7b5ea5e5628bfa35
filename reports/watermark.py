"""The watermarks (自评稿, 汇总稿, 未完成) as vector outlines, not text.

A watermark set as text ends up in the PDF's text layer: copying a paragraph or extracting
the text (pdftotext, a screen reader, a search) mixes its three characters into every page.
The watermarks are therefore drawn from the glyph outlines of Noto Sans CJK SC Bold into
small SVG files under ``static/``, which the report loads through its restricted fetcher.

The SVG files are generated once and kept in the repository; regenerate them with
``python -m reports.watermark`` (needs Debian's fonts-noto-cjk).
"""

from __future__ import annotations

from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"

FONT_FILE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
FONT_NAME = "Noto Sans CJK SC"
WATERMARKS = {"自评稿": "watermark-draft.svg", "汇总稿": "watermark-summary.svg", "未完成": "watermark-unfinished.svg"}
COLOR = "#b41414"
OPACITY = 0.09


def watermark_file(text: str) -> str:
    """The static file drawing ``text``, or "" when there is none (the template then sets the
    watermark as text)."""
    name = WATERMARKS.get(text, "")
    return name if name and (STATIC_DIR / name).is_file() else ""


def outline_svg(text: str, font_file: Path = FONT_FILE, spacing: float = 0.3) -> str:
    """An SVG drawing ``text`` in the font's outlines, one path per glyph."""
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.pens.transformPen import TransformPen
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(font_file), lazy=True)
    font = next(f for f in collection.fonts if f["name"].getDebugName(1) == FONT_NAME)
    glyphs = font.getGlyphSet()
    cmap = font.getBestCmap()
    upem = font["head"].unitsPerEm
    ascent, descent = font["hhea"].ascent, font["hhea"].descent
    height = ascent - descent
    paths: list[str] = []
    x = 0.0
    for index, char in enumerate(text):
        name = cmap[ord(char)]
        pen = SVGPathPen(glyphs)
        # Font units have y up; SVG has y down: flip around the baseline.
        glyphs[name].draw(TransformPen(pen, (1, 0, 0, -1, x, ascent)))
        paths.append(f'<path d="{pen.getCommands()}"/>')
        x += glyphs[name].width
        if index < len(text) - 1:
            x += spacing * upem
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {x:g} {height:g}" width="{x / upem:g}em" height="{height / upem:g}em">'
        f'<g fill="{COLOR}" fill-opacity="{OPACITY}">{"".join(paths)}</g></svg>\n'
    )


def main() -> None:
    for text, name in WATERMARKS.items():
        (STATIC_DIR / name).write_text(outline_svg(text), encoding="utf-8")
        print(f"{STATIC_DIR / name}: {text}")


if __name__ == "__main__":
    main()
