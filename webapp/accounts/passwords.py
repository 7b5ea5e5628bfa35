"""The password policy, in the spirit of OWASP ASVS 5.0 V6.2: length over composition rules.

A new password is refused when it is short (PASSWORD_MIN_LENGTH, 10 by default) or over 128
characters; when it is, or once digits and symbols at either end are taken off becomes, a common
password (``config/common-passwords.txt``, shipped with the project); when it holds the
account's username, or is another account's name with a few digits added; when what remains
besides digits and symbols is one of the account's own words — its name, its school's name and
code, its district, the bureau's place names — written in Chinese characters or in pinyin
(``2024yingkou``, ``站前一小2024``); or when it is nothing but digits. No rule asks for capitals
or symbols, and any character may be used.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable

from pypinyin import Style, lazy_pinyin

from webapp.settings import CONFIG_DIR

COMMON_PASSWORDS_FILE = CONFIG_DIR / "common-passwords.txt"
MAX_LENGTH = 128
_EDGES = re.compile(r"^[\W\d_]+|[\W\d_]+$")
_NOT_WORD = re.compile(r"[\W\d_]+")


@functools.cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def core(password: str) -> str:
    """The password without digits and symbols at either end, lower case: ``Qwerty12!`` → ``qwerty``."""
    return _EDGES.sub("", unicodedata.normalize("NFKC", password)).lower()


def context_words(texts: Iterable[str]) -> set[str]:
    """The words a guesser would try first, from the account's own names: each text whole, in
    lower case, and each run of two to four Chinese characters in it also in pinyin
    (营口市站前区 → 营口, yingkou, zhanqian, …) and by initials when four letters or more."""
    words: set[str] = set()
    for text in texts:
        text = unicodedata.normalize("NFKC", text or "").strip().lower()
        if not text:
            continue
        words.add(text)
        for run in _CJK_RUNS.findall(text):
            for size in (2, 3, 4):
                for start in range(0, len(run) - size + 1):
                    piece = run[start : start + size]
                    words.add(piece)
                    words.add("".join(lazy_pinyin(piece)))
            initials = "".join(lazy_pinyin(run, style=Style.FIRST_LETTER))
            if len(initials) >= 4:
                words.add(initials)
    return {w for w in words if len(w) >= 2}


_CJK_RUNS = re.compile(r"[\u3400-\u9fff]+")


def password_problem(
    password: str,
    *,
    username: str = "",
    context: Iterable[str] = (),
    taken: Callable[[str], bool] = lambda name: False,
    min_length: int = 10,
) -> str:
    """Why a new password is refused, in Chinese; empty when it is acceptable.

    ``context``: the account's own names (display name, school, code, district, the bureau);
    ``taken(name)``: whether another account is called ``name``."""
    if len(password) < min_length:
        return f"密码至少需要{min_length}个字符（可用一句好记的话，如“我校2024年体育节”）"
    if len(password) > MAX_LENGTH:
        return f"密码不能超过{MAX_LENGTH}个字符"
    normal = unicodedata.normalize("NFKC", password).lower()
    stem = core(password)
    common = common_passwords()
    if normal in common or (len(stem) >= 4 and stem in common):
        return "这个密码太常见，容易被猜中，请换一个"
    name = username.strip().lower()
    if name and len(name) >= 3 and name in normal:
        return "密码不能包含用户名"
    if stem and stem != name and taken(stem):
        return "密码不能是其他账号的用户名加上数字或符号"
    letters = _NOT_WORD.sub("", normal)
    if not letters:
        return "密码不能只由数字和符号组成，请加入文字"
    words = context_words([username, *context])
    if letters in words or any(len(w) >= 4 and w in letters and len(w) * 2 >= len(letters) for w in words):
        return "密码不能以用户名、学校名称、区县或地名为主（含拼音），容易被猜中"
    if len(set(password)) < 4:
        return "密码过于简单，请使用更多不同的字符"
    return ""
