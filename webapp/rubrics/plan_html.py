"""Reading a saved web page into a plan's text: in the page's own charset, one line per block,
its chrome (navigation, menus, breadcrumbs, share bars, footers) left out."""

from __future__ import annotations

import re
from typing import Any

from webapp.rubrics.plan_text import PlanRejected, PlanText, decode_text

# --------------------------------------------------------------------------------------------
# A saved web page: the page's own charset; its chrome (navigation, menus, footers) left out.

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "form",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "button",
    "select",
    "input",
    "textarea",
    "head",
    "map",
    "audio",
    "video",
)
_CHROME_WORDS = re.compile(
    r"(?i)(breadcrumb|crumb|bdshare|share|social|footer|copyright|navbar|navigation|subnav|topnav|mainnav|"
    r"menu|sidebar|toolbar|pagination|pager|gotop|backtop|goback|skip-?link|dqwz|weizhi)"
)
_CHROME_TOKENS = {"nav", "foot", "position", "location", "wz", "print", "close", "search", "login", "top-bar", "topbar"}
_BLOCKS = {
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
}
_CELLS = {"td", "th"}


def read_html(data: bytes) -> PlanText:
    import lxml.html
    from lxml.etree import ParserError

    declared = _META_CHARSET.search(data[:8192])
    markup, encoding = decode_text(data, declared.group(1).decode("ascii", "replace") if declared else None)
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup.lstrip("\ufeff"))
    try:
        root = lxml.html.document_fromstring(markup)
    except (ParserError, ValueError) as exc:
        raise PlanRejected("网页文件无法解析：请在浏览器中重新“另存为”网页（仅 HTML）后再添加") from exc
    title = root.findtext(".//title")
    body = root.find("body")
    if body is None:
        body = root
    _drop_chrome(body)
    parts: list[str] = []
    _html_text(body, parts, in_cell=False, pre=False)
    lines = []
    for line in "".join(parts).split("\n"):
        line = re.sub(r" *\t *", "\t", line.replace("\xa0", " ")).strip(" \t")
        if line.strip():
            lines.append(line)
    return PlanText(
        "\n".join(lines), "html", title=title.strip() if title and title.strip() else None, encoding=encoding
    )


def _drop_chrome(body: Any) -> None:
    """Remove scripts, forms and page chrome: navigation, menus, breadcrumbs, share bars,
    footers — by tag, or by a class or id that names them. Never an element holding most of
    the page's text (a wrapper whose id happens to say "menu"), and a <header> or <footer>
    inside an <article> or <main> is the article's own."""
    from lxml.etree import _Comment, _ProcessingInstruction

    for node in list(body.iter()):
        if isinstance(node, _Comment | _ProcessingInstruction) and node.getparent() is not None:
            node.drop_tree()
    total = len(body.text_content())
    for element in list(body.iter()):
        if element.getparent() is None or not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        drop = tag in _DROP_TAGS
        if tag in ("header", "footer"):
            drop = not any(a.tag in ("article", "main") for a in element.iterancestors())
        if not drop and tag not in ("body", "main", "article"):
            names = " ".join(filter(None, (element.get("class"), element.get("id"), element.get("role"))))
            if names:
                tokens = set(re.split(r"[\s_\-]+", names.lower()))
                drop = bool(_CHROME_WORDS.search(names) or tokens & _CHROME_TOKENS or "navigation" in tokens)
        if drop and (tag in _DROP_TAGS or len(element.text_content()) <= total / 2):
            element.drop_tree()


def _html_text(element: Any, out: list[str], *, in_cell: bool, pre: bool) -> None:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    pre = pre or tag in ("pre", "textarea")
    if tag == "br":
        out.append(" " if in_cell else "\n")
    elif tag in _BLOCKS:
        out.append(" " if in_cell and tag not in ("tr", "table") else "\n")
    if element.text:
        out.append(_collapse(element.text, pre))
    cell = in_cell or tag in _CELLS
    for child in element:
        _html_text(child, out, in_cell=cell and tag not in ("table",), pre=pre)
    if tag in _CELLS:
        out.append("\t")
    elif tag in _BLOCKS and tag != "br":
        out.append(" " if in_cell and tag not in ("tr", "table") else "\n")
    if element.tail:
        out.append(_collapse(element.tail, pre))


def _collapse(text: str, pre: bool) -> str:
    return text if pre else re.sub(r"[ \t\r\n\f]+", " ", text)
