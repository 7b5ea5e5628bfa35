"""Numbers as plans write them: 1, 52.9, 15%, 三十, 两, 百, 百分之八十, 1—2.

Chinese numerals are converted span by span with ``cn2an.cn2an(span, "smart")`` — never with
``cn2an.transform`` on a sentence, which turns 一校一品 into 1校1品 and 十四五 into nonsense.
"""

from __future__ import annotations

import re

import cn2an

CN_DIGITS = "零〇一二两三四五六七八九十百千万"
NUM_AR = r"\d+(?:\.\d+)?"
NUM_CN = rf"[{CN_DIGITS}]+"
PERCENT_CN = rf"百分之[{CN_DIGITS}点]+"
DASH = r"[—–\-~至到]"

_CN_ONLY = re.compile(NUM_CN)


def is_chinese_numeral(span: str) -> bool:
    return bool(_CN_ONLY.fullmatch(span))


def parse_number(span: str) -> float | None:
    """An Arabic or Chinese numeral span as a number; None when it is not one.

    "1" → 1, "52.9" → 52.9, "三十" → 30, "两" → 2, "百" → 100, "百分之八十" → 80 (the caller
    divides percentages by 100).
    """
    span = span.strip()
    if not span:
        return None
    if span.startswith("百分之"):
        return parse_number(span[3:])
    try:
        return float(span)
    except ValueError:
        pass
    if not is_chinese_numeral(span.replace("点", "")):
        return None
    if span[0] in "百千万":
        span = "一" + span
    try:
        value = cn2an.cn2an(span, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return float(value)


def clean(value: float) -> float:
    """Round away binary noise (0.1 + 0.2) so that 15% reads 0.15 exactly."""
    return round(value, 6)
