"""Numbers as plans write them: 1, 52.9, 15%, 三十, 两, 百, 百分之八十, 1—2.

Chinese numerals are converted span by span with ``cn2an.cn2an(span, "smart")`` — never with
``cn2an.transform`` on a sentence, which turns 一校一品 into 1校1品 and 十四五 into nonsense.
"""

from __future__ import annotations

import re

import cn2an

CN_DIGITS = "零〇一二两三四五六七八九十百千万"
NUM_AR = r"\d+(?:\.\d+)?"
# Thousands written with commas: 1,000 册, 12,500 人.
NUM_AR_GROUPED = r"\d{1,3}(?:,\d{3})+(?![\d])"
# A share said in tenths or as half of all: 九成以上 → 90%, 半数以上 → 50%.
SHARE_WORD = r"[一二三四五六七八九]成(?=以上|以下|左右|[,;。]|$)|半数(?=以上|以下|左右)"
# An Arabic numeral with a Chinese multiplier: 8万元, 1.5万人.
NUM_AR_MULT = r"\d+(?:\.\d+)?[万亿]"
NUM_CN = rf"[{CN_DIGITS}]+"
# A Chinese decimal: 一点五 (倍) → 1.5.
NUM_CN_DECIMAL = rf"[{CN_DIGITS}]+点[零〇一二三四五六七八九]+"
PERCENT_CN = rf"百分之[{CN_DIGITS}点]+"
# A fraction, read as a percentage like 百分之…: 三分之一 → 33.33…
FRACTION_CN = rf"[{CN_DIGITS}]+分之[{CN_DIGITS}]+"
# Half an hour, half a day: 半小时 → 0.5 小时.
HALF = r"半(?=小时|天|日|年|个月)"
# An hour and a half: 一个半小时 → 1.5 小时, 2个半小时 → 2.5.
AND_A_HALF = rf"(?:\d+|[{CN_DIGITS}]+)个半(?=小时)"
DASH = r"[—–\-~至到]"

_CN_ONLY = re.compile(rf"{NUM_CN_DECIMAL}|{NUM_CN}")
_MULTIPLIERS = {"万": 10_000.0, "亿": 100_000_000.0}


def is_chinese_numeral(span: str) -> bool:
    return bool(_CN_ONLY.fullmatch(span))


def parse_number(span: str) -> float | None:
    """An Arabic or Chinese numeral span as a number; None when it is not one.

    "1" → 1, "52.9" → 52.9, "8万" → 80000, "三十" → 30, "两" → 2, "百" → 100, "百分之八十" → 80,
    "一个半" → 1.5
    (the caller divides percentages by 100).
    """
    span = span.strip()
    if not span:
        return None
    if span.startswith("百分之"):
        return parse_number(span[3:])
    if span == "半":
        return 0.5
    if span == "半数":
        return 50.0  # a share, like 百分之五十 (the caller divides by 100)
    if len(span) == 2 and span.endswith("成") and is_chinese_numeral(span[0]):
        return 10.0 * float(cn2an.cn2an(span[0], "smart"))  # 九成 → 90 (per cent)
    if re.fullmatch(NUM_AR_GROUPED, span):
        return float(span.replace(",", ""))
    if span.endswith("个半"):
        hours = parse_number(span[:-2])
        return None if hours is None else hours + 0.5
    if "分之" in span:
        whole, _, share = span.partition("分之")
        x, y = parse_number(whole), parse_number(share)
        return 100 * y / x if x and y is not None else None
    try:
        return float(span)
    except ValueError:
        pass
    if span[-1] in _MULTIPLIERS and re.fullmatch(NUM_AR, span[:-1]):
        return float(span[:-1]) * _MULTIPLIERS[span[-1]]
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
