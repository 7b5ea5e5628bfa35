"""Check the evaluation corpus: split rule, quotes, field vocabulary; print counts.

    python3 tests/checklist/extract/corpus/verify.py            # counts only (safe to run)
    python3 tests/checklist/extract/corpus/verify.py --uncovered --split dev
        # also list numerals of the dev texts that no quote covers (prints text snippets:
        # never run it with --split held_out while tuning the extractor)

Checks made:
- the split recorded in sources.yaml is the one the rule in README.md gives (c01–c17; texts
  added later are dev by construction (c18–c69, c80–c89, c120–c129, c140–c163, c170–c181, c188–c199, c206 on), except the
  tenth batch, c70–c79, the twelfth, c90–c99, the fourteenth, c100–c119, the sixteenth, c130–c139, the
  twenty-first, c164–c169, the twenty-fourth, c182–c187, and the twenty-eighth, c200–c205, held out whole
  by construction);
- every label file sits in the folder of its text's split and names an existing text;
- every `quote` (requirements and non_thresholds) occurs exactly once in its text
  (`text.count(quote) == 1`);
- kind / comparator / value / value_max / scope / modality / stages / grades / implied use the
  vocabulary of tests/checklist/extract/labelled/ (plus the optional `implied: true`).
Nothing here imports or runs the extractor.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "texts"
NUMERIC = {"duration", "frequency", "ratio", "count", "coverage"}
KINDS = NUMERIC | {"deadline", "existence", "prohibition"}
STAGES = {"kindergarten", "primary", "junior", "senior", "vocational", "special"}
COMPARATORS = {"at_least", "at_most", "between", "equal"}
GRADE = re.compile(r"^(P[1-6]|J[1-3]|S[1-3])$")

# Shape classes used by the split rule (fixed before the split was computed).
ARTICLE_DOCS = {  # numbered 第X条
    "c01_shandong_tizhi.txt",
    "c02_ningbo_xiaoyuan_anquan.txt",
    "c03_shanghai_xiaowai_shijian.txt",
    "c04_xuexiao_weisheng_tiaoli.txt",
}
SHORT_NOTICES = {  # short 通知 / 通报 of plain paragraphs or 一、二、 headings
    "c07_jiaoyubu_shouji.txt",
    "c08_yangpu_shusan_yanlian.txt",
    "c09_tongan_yanlian_tongbao.txt",
    "c10_chuzhou_shuimian.txt",
}


# The split rule was fixed for the first 17 texts (c01–c17) before any of them was labelled.
# Texts added later (c18 onwards, issue 14) are development texts by construction: adding them
# must not reshuffle the held-out third, so the rule is applied to the first 17 only.
FIRST_SPLIT = set(range(1, 18))


def number(name: str) -> int:
    """The text's number: 7 for c07_….txt, 104 for c104_….txt."""
    found = re.match(r"c(\d+)_", name)
    if not found:
        raise SystemExit(f"{name}: a corpus file name starts with c<number>_")
    return int(found.group(1))


def in_first_split(name: str) -> bool:
    return number(name) in FIRST_SPLIT


# The tenth batch of issue 14 (c70–c79) is held out whole, by construction: the rule was written
# down here before any text of the batch was labelled, to grow the held-out set toward the third
# the issue asks for. Its labeller did not open the extractor's code nor run the extractor on it.
# c18–c69 stay dev.
TENTH_BATCH_HELD_OUT = set(range(70, 80))


def in_tenth_batch(name: str) -> bool:
    return number(name) in TENTH_BATCH_HELD_OUT


# The twelfth batch of issue 14 (c90–c99) is held out whole, by construction, like the tenth: the
# rule was written down here before any text of the batch was found or labelled, to grow the
# held-out set further toward the third the issue asks for. Its labeller did not open the
# extractor's code nor run the extractor on it. c80–c89 stay dev.
TWELFTH_BATCH_HELD_OUT = set(range(90, 100))


def in_twelfth_batch(name: str) -> bool:
    return number(name) in TWELFTH_BATCH_HELD_OUT


# The fourteenth batch of issue 14 (c100–c119) is held out whole, by construction, like the tenth
# and the twelfth: the rule was written down here (session 7, 2026-12-05) before any text of the
# batch was found or labelled, to bring the held-out part to the third the issue asks for. Its
# labellers do not open the extractor's code nor run the extractor on it. Texts numbered c120 and
# later are dev by construction, except the sixteenth batch below.
FOURTEENTH_BATCH_HELD_OUT = set(range(100, 120))


def in_fourteenth_batch(name: str) -> bool:
    return number(name) in FOURTEENTH_BATCH_HELD_OUT


# The sixteenth batch of issue 14 (c130–c139) is held out whole, by construction, like the tenth,
# twelfth and fourteenth: the rule was written down here (session 8, 2026-12-06) before any text of
# the batch was found or labelled, so that the held-out part stays a third while dev texts are
# added. Its labeller does not open the extractor's code nor run the extractor on it. c126–c129 and
# c140 on are dev by construction.
SIXTEENTH_BATCH_HELD_OUT = set(range(130, 140))


def in_sixteenth_batch(name: str) -> bool:
    return number(name) in SIXTEENTH_BATCH_HELD_OUT


# The twenty-first batch of issue 14 (c164–c169) is held out whole, by construction, like the sixteenth:
# the rule was written down here (session 8, 2026-12-06) before any text of the batch was found or
# labelled, so that the held-out part stays a third after the dev batches c152–c163. Its labeller
# does not open the extractor's code nor run the extractor on it. c170 on are dev by construction.
TWENTY_FIRST_BATCH_HELD_OUT = set(range(164, 170))


def in_twenty_first_batch(name: str) -> bool:
    return number(name) in TWENTY_FIRST_BATCH_HELD_OUT


# The twenty-fourth batch of issue 14 (c182–c187) is held out whole, by construction: the rule was
# written down here (session 9, 2026-12-06) before any text of the batch was found or labelled, so that
# the held-out part stays a third after the dev batches c170–c181. Its labeller does not open the
# extractor's code nor run the extractor on it. c176–c181 and c188 on are dev by construction.
TWENTY_FOURTH_BATCH_HELD_OUT = set(range(182, 188))


def in_twenty_fourth_batch(name: str) -> bool:
    return number(name) in TWENTY_FOURTH_BATCH_HELD_OUT


# The twenty-eighth batch of issue 14 (c200–c205) is held out whole, by construction: the rule was
# written down here (session 10, 2026-12-06) before any text of the batch was found or labelled, so that
# the held-out part stays a third after a dev batch c206–c211. Its labeller does not open the
# extractor's code nor run the extractor on it. c206 on are dev by construction.
TWENTY_EIGHTH_BATCH_HELD_OUT = set(range(200, 206))


def in_twenty_eighth_batch(name: str) -> bool:
    return number(name) in TWENTY_EIGHTH_BATCH_HELD_OUT


# The thirty-second batch of issue 14 (c224–c229) is held out whole, by construction: the rule was
# written down here (session 11, 2026-12-06) before any text of the batch was found or labelled, so that
# the held-out part stays a third after a dev batch c218–c223 (the thirty-first). Its labeller does not
# open the extractor's code nor run the extractor on it. c230 on are dev by construction.
THIRTY_SECOND_BATCH_HELD_OUT = set(range(224, 230))


def in_thirty_second_batch(name: str) -> bool:
    return number(name) in THIRTY_SECOND_BATCH_HELD_OUT


# The thirty-fifth batch of issue 14 (c242–c244) is held out whole, by construction: the rule was written down
# here (session 11, 2026-12-06) before any text of the batch was found or labelled, so that the held-out part stays
# a third after the dev batches c230–c235 and c236–c241. Its labeller does not open the extractor's code nor run the
# extractor on it. c245 on are dev by construction.
THIRTY_FIFTH_BATCH_HELD_OUT = set(range(242, 245))


def in_thirty_fifth_batch(name: str) -> bool:
    return number(name) in THIRTY_FIFTH_BATCH_HELD_OUT


# The thirty-seventh batch of issue 14 (c251–c253) is held out whole, by construction: the rule was written down
# here (session 11, 2026-12-06) before any text of the batch was found or labelled, so that the held-out part stays
# a third after the dev batch c245–c250 (the thirty-sixth). Its labeller does not open the extractor's code nor run
# the extractor on it. c254 on are dev by construction.
THIRTY_SEVENTH_BATCH_HELD_OUT = set(range(251, 254))


def in_thirty_seventh_batch(name: str) -> bool:
    return number(name) in THIRTY_SEVENTH_BATCH_HELD_OUT


# The thirty-ninth batch of issue 14 (c260–c262) is held out whole, by construction: the rule was written down here
# (session 11, 2026-12-06) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c254–c259 (the thirty-eighth). Its labeller does not open the extractor's code nor run the
# extractor on it. c263 on are dev by construction.
THIRTY_NINTH_BATCH_HELD_OUT = set(range(260, 263))


def in_thirty_ninth_batch(name: str) -> bool:
    return number(name) in THIRTY_NINTH_BATCH_HELD_OUT


# The forty-first batch of issue 14 (c269–c271) is held out whole, by construction: the rule was written down here
# (session 11, 2026-12-06) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c263–c268 (the fortieth). Its labeller does not open the extractor's code nor run the extractor
# on it. c272–c277 are dev by construction (the forty-third batch's rule below holds c278–c280 out).
FORTY_FIRST_BATCH_HELD_OUT = set(range(269, 272))


def in_forty_first_batch(name: str) -> bool:
    return number(name) in FORTY_FIRST_BATCH_HELD_OUT


# The forty-third batch of issue 14 (c278–c280) is held out whole, by construction: the rule was written down here
# (session 12, 2026-12-06) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c272–c277 (the forty-second). Its labeller does not open the extractor's code nor run the
# extractor on it. c281–c286 are dev by construction (the forty-fifth batch's rule below holds c287–c289 out).
FORTY_THIRD_BATCH_HELD_OUT = set(range(278, 281))


def in_forty_third_batch(name: str) -> bool:
    return number(name) in FORTY_THIRD_BATCH_HELD_OUT


# The forty-fifth batch of issue 14 (c287–c289) is held out whole, by construction: the rule was written down here
# (session 12, 2026-12-06) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c281–c286 (the forty-fourth). Its labeller does not open the extractor's code nor run the
# extractor on it. c290–c295 are dev by construction (the forty-seventh batch's rule below holds c296–c298 out).
FORTY_FIFTH_BATCH_HELD_OUT = set(range(287, 290))


def in_forty_fifth_batch(name: str) -> bool:
    return number(name) in FORTY_FIFTH_BATCH_HELD_OUT


# The forty-seventh batch of issue 14 (c296–c298) is held out whole, by construction: the rule was written down here
# (session 12, 2026-12-06) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c290–c295 (the forty-sixth). Its labeller does not open the extractor's code nor run the
# extractor on it. c299–c304 are dev by construction (the forty-ninth batch's rule below holds c305–c307 out).
FORTY_SEVENTH_BATCH_HELD_OUT = set(range(296, 299))


def in_forty_seventh_batch(name: str) -> bool:
    return number(name) in FORTY_SEVENTH_BATCH_HELD_OUT


# The forty-ninth batch of issue 14 (c305–c307) is held out whole, by construction: the rule was written down here
# (session 12, 2026-12-06) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c299–c304 (the forty-eighth). Its labeller does not open the extractor's code nor run the
# extractor on it. c308 on are dev by construction.
FORTY_NINTH_BATCH_HELD_OUT = set(range(305, 308))


def in_forty_ninth_batch(name: str) -> bool:
    return number(name) in FORTY_NINTH_BATCH_HELD_OUT


# The fifty-first batch of issue 14 (c314–c316) is held out whole, by construction: the rule was written down here
# (session 13, 2026-12-06) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c308–c313 (the fiftieth). Its labeller does not open the extractor's code nor run the extractor
# on it. c317–c322 are dev by construction (the fifty-third batch's rule below holds c323–c325 out).
FIFTY_FIRST_BATCH_HELD_OUT = set(range(314, 317))


def in_fifty_first_batch(name: str) -> bool:
    return number(name) in FIFTY_FIRST_BATCH_HELD_OUT


# The fifty-third batch of issue 14 (c323–c325) is held out whole, by construction: the rule was written down here
# (session 13, 2026-12-06) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c317–c322 (the fifty-second). Its labeller does not open the extractor's code nor run the
# extractor on it. c326–c331 are dev by construction (the fifty-fifth batch's rule below holds c332–c334 out).
FIFTY_THIRD_BATCH_HELD_OUT = set(range(323, 326))


def in_fifty_third_batch(name: str) -> bool:
    return number(name) in FIFTY_THIRD_BATCH_HELD_OUT


# The fifty-fifth batch of issue 14 (c332–c334) is held out whole, by construction: the rule was written down here
# (session 13, 2026-12-06) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c326–c331 (the fifty-fourth). Its labeller does not open the extractor's code nor run the
# extractor on it. c335 on are dev by construction.
FIFTY_FIFTH_BATCH_HELD_OUT = set(range(332, 335))


def in_fifty_fifth_batch(name: str) -> bool:
    return number(name) in FIFTY_FIFTH_BATCH_HELD_OUT


# The fifty-seventh batch of issue 14 (c341–c343) is held out whole, by construction: the rule was written down here
# (session 15, 2026-12-06) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c335–c340 (the fifty-sixth). Its labeller does not open the extractor's code nor run the
# extractor on it. c344 on are dev by construction.
FIFTY_SEVENTH_BATCH_HELD_OUT = set(range(341, 344))


def in_fifty_seventh_batch(name: str) -> bool:
    return number(name) in FIFTY_SEVENTH_BATCH_HELD_OUT


# The fifty-ninth batch of issue 14 (c350–c352) is held out whole, by construction: the rule was written down here
# (session 15, 2026-12-06) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c344–c349 (the fifty-eighth). Its labeller does not open the extractor's code nor run the
# extractor on it. c353 on are dev by construction.
FIFTY_NINTH_BATCH_HELD_OUT = set(range(350, 353))


def in_fifty_ninth_batch(name: str) -> bool:
    return number(name) in FIFTY_NINTH_BATCH_HELD_OUT


# The sixty-first batch of issue 14 (c359–c361) is held out whole, by construction: the rule was written down here
# (session 15, 2026-12-06) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c353–c358 (the sixtieth). Its labeller does not open the extractor's code nor run the
# extractor on it. c362 on are dev by construction.
SIXTY_FIRST_BATCH_HELD_OUT = set(range(359, 362))


def in_sixty_first_batch(name: str) -> bool:
    return number(name) in SIXTY_FIRST_BATCH_HELD_OUT


# The sixty-third batch of issue 14 (c368–c370) is held out whole, by construction: the rule was written down here
# (session 16, 2026-12-07) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c362–c367 (the sixty-second). Its labeller does not open the extractor's code nor run the
# extractor on it. c371 on are dev by construction.
SIXTY_THIRD_BATCH_HELD_OUT = set(range(368, 371))


def in_sixty_third_batch(name: str) -> bool:
    return number(name) in SIXTY_THIRD_BATCH_HELD_OUT


# The sixty-fifth batch of issue 14 (c377–c379) is held out whole, by construction: the rule was written down here
# (session 16, 2026-12-07) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c371–c376 (the sixty-fourth). Its labeller does not open the extractor's code nor run the
# extractor on it. c380 on are dev by construction.
SIXTY_FIFTH_BATCH_HELD_OUT = set(range(377, 380))


def in_sixty_fifth_batch(name: str) -> bool:
    return number(name) in SIXTY_FIFTH_BATCH_HELD_OUT


# The sixty-seventh batch of issue 14 (c386–c388) is held out whole, by construction: the rule was written down here
# (session 16, 2026-12-07) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c380–c385 (the sixty-sixth). Its labeller does not open the extractor's code nor run the
# extractor on it. c389 on are dev by construction.
SIXTY_SEVENTH_BATCH_HELD_OUT = set(range(386, 389))


def in_sixty_seventh_batch(name: str) -> bool:
    return number(name) in SIXTY_SEVENTH_BATCH_HELD_OUT


# The sixty-ninth batch of issue 14 (c395–c397) is held out whole, by construction: the rule was written down here
# (session 17, 2026-12-07) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c389–c394 (the sixty-eighth). Its labeller does not open the extractor's code nor run the
# extractor on it. c398 on are dev by construction.
SIXTY_NINTH_BATCH_HELD_OUT = set(range(395, 398))


def in_sixty_ninth_batch(name: str) -> bool:
    return number(name) in SIXTY_NINTH_BATCH_HELD_OUT


# The seventy-first batch of issue 14 (c404–c406) is held out whole, by construction: the rule was written down here
# (session 17, 2026-12-07) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c398–c403 (the seventieth). Its labeller does not open the extractor's code nor run the
# extractor on it. c407 on are dev by construction.
SEVENTY_FIRST_BATCH_HELD_OUT = set(range(404, 407))


def in_seventy_first_batch(name: str) -> bool:
    return number(name) in SEVENTY_FIRST_BATCH_HELD_OUT


# The seventy-third batch of issue 14 (c413–c415) is held out whole, by construction: the rule was written down here
# (session 17, 2026-12-07) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c407–c412 (the seventy-second). Its labeller does not open the extractor's code nor run the
# extractor on it. c416 on are dev by construction.
SEVENTY_THIRD_BATCH_HELD_OUT = set(range(413, 416))


def in_seventy_third_batch(name: str) -> bool:
    return number(name) in SEVENTY_THIRD_BATCH_HELD_OUT


# The seventy-fifth batch of issue 14 (c422–c424) is held out whole, by construction: the rule was written down here
# (session 17, 2026-12-07) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c416–c421 (the seventy-fourth). Its labeller does not open the extractor's code nor run the
# extractor on it. c425 on are dev by construction.
SEVENTY_FIFTH_BATCH_HELD_OUT = set(range(422, 425))


def in_seventy_fifth_batch(name: str) -> bool:
    return number(name) in SEVENTY_FIFTH_BATCH_HELD_OUT


# The seventy-seventh batch of issue 14 (c431–c433) is held out whole, by construction: the rule was written down here
# (session 17, 2026-12-07) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c425–c430 (the seventy-sixth). Its labeller does not open the extractor's code nor run the
# extractor on it. c434 on are dev by construction.
SEVENTY_SEVENTH_BATCH_HELD_OUT = set(range(431, 434))


def in_seventy_seventh_batch(name: str) -> bool:
    return number(name) in SEVENTY_SEVENTH_BATCH_HELD_OUT


# The seventy-ninth batch of issue 14 (c440–c442) is held out whole, by construction: the rule was written down here
# (session 17, 2026-12-07) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c434–c439 (the seventy-eighth). Its labeller does not open the extractor's code nor run the
# extractor on it. c443 on are dev by construction.
SEVENTY_NINTH_BATCH_HELD_OUT = set(range(440, 443))


def in_seventy_ninth_batch(name: str) -> bool:
    return number(name) in SEVENTY_NINTH_BATCH_HELD_OUT


# The eighty-first batch of issue 14 (c449–c451) is held out whole, by construction: the rule was written down here
# (session 17, 2026-12-07) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c443–c448 (the eightieth). Its labeller does not open the extractor's code nor run the
# extractor on it. c452–c457 are dev by construction.
EIGHTY_FIRST_BATCH_HELD_OUT = set(range(449, 452))


def in_eighty_first_batch(name: str) -> bool:
    return number(name) in EIGHTY_FIRST_BATCH_HELD_OUT


# The eighty-third batch of issue 14 (c458–c460) is held out whole, by construction: the rule was written down here
# (session 18, 2026-12-07) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c452–c457 (the eighty-second). Its labeller does not open the extractor's code nor run the
# extractor on it. c461–c466 are dev by construction.
EIGHTY_THIRD_BATCH_HELD_OUT = set(range(458, 461))


def in_eighty_third_batch(name: str) -> bool:
    return number(name) in EIGHTY_THIRD_BATCH_HELD_OUT


# The eighty-fifth batch of issue 14 (c467–c469) is held out whole, by construction: the rule was written down here
# (session 18, 2026-12-07) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c461–c466 (the eighty-fourth). Its labeller does not open the extractor's code nor run the
# extractor on it. c470–c475 are dev by construction.
EIGHTY_FIFTH_BATCH_HELD_OUT = set(range(467, 470))


def in_eighty_fifth_batch(name: str) -> bool:
    return number(name) in EIGHTY_FIFTH_BATCH_HELD_OUT


# The eighty-seventh batch of issue 14 (c476–c478) is held out whole, by construction: the rule was written down here
# (session 18, 2026-12-07) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c470–c475 (the eighty-sixth). Its labeller does not open the extractor's code nor run the
# extractor on it. c479–c484 are dev by construction.
EIGHTY_SEVENTH_BATCH_HELD_OUT = set(range(476, 479))


def in_eighty_seventh_batch(name: str) -> bool:
    return number(name) in EIGHTY_SEVENTH_BATCH_HELD_OUT


# The eighty-ninth batch of issue 14 (c485–c487) is held out whole, by construction: the rule was written down here
# (session 19, 2026-12-07) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c479–c484 (the eighty-eighth). Its labeller does not open the extractor's code nor run the
# extractor on it. c488–c493 are dev by construction.
EIGHTY_NINTH_BATCH_HELD_OUT = set(range(485, 488))


def in_eighty_ninth_batch(name: str) -> bool:
    return number(name) in EIGHTY_NINTH_BATCH_HELD_OUT


# The ninety-first batch of issue 14 (c494–c496) is held out whole, by construction: the rule was written down here
# (session 19, 2026-12-07) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c488–c493 (the ninetieth). Its labeller does not open the extractor's code nor run the
# extractor on it. c497–c502 are dev by construction.
NINETY_FIRST_BATCH_HELD_OUT = set(range(494, 497))


def in_ninety_first_batch(name: str) -> bool:
    return number(name) in NINETY_FIRST_BATCH_HELD_OUT


# The ninety-third batch of issue 14 (c503–c505) is held out whole, by construction: the rule was written down here
# (session 19, 2026-12-07) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c497–c502 (the ninety-second). Its labeller does not open the extractor's code nor run the
# extractor on it. c506–c511 are dev by construction.
NINETY_THIRD_BATCH_HELD_OUT = set(range(503, 506))


def in_ninety_third_batch(name: str) -> bool:
    return number(name) in NINETY_THIRD_BATCH_HELD_OUT


# The ninety-fifth batch of issue 14 (c512–c514) is held out whole, by construction: the rule was written down here
# (session 19, 2026-12-07) before any text of the batch was found or labelled, so that the held-out part stays a third
# after the dev batch c506–c511 (the ninety-fourth). Its labeller does not open the extractor's code nor run the
# extractor on it. c515 on are dev by construction.
NINETY_FIFTH_BATCH_HELD_OUT = set(range(512, 515))


def in_ninety_fifth_batch(name: str) -> bool:
    return number(name) in NINETY_FIFTH_BATCH_HELD_OUT


# Every batch held out whole, by construction: its texts are held out whatever the first split says.
HELD_OUT_BATCHES = (
    TENTH_BATCH_HELD_OUT,
    TWELFTH_BATCH_HELD_OUT,
    FOURTEENTH_BATCH_HELD_OUT,
    SIXTEENTH_BATCH_HELD_OUT,
    TWENTY_FIRST_BATCH_HELD_OUT,
    TWENTY_FOURTH_BATCH_HELD_OUT,
    TWENTY_EIGHTH_BATCH_HELD_OUT,
    THIRTY_SECOND_BATCH_HELD_OUT,
    THIRTY_FIFTH_BATCH_HELD_OUT,
    THIRTY_SEVENTH_BATCH_HELD_OUT,
    THIRTY_NINTH_BATCH_HELD_OUT,
    FORTY_FIRST_BATCH_HELD_OUT,
    FORTY_THIRD_BATCH_HELD_OUT,
    FORTY_FIFTH_BATCH_HELD_OUT,
    FORTY_SEVENTH_BATCH_HELD_OUT,
    FORTY_NINTH_BATCH_HELD_OUT,
    FIFTY_FIRST_BATCH_HELD_OUT,
    FIFTY_THIRD_BATCH_HELD_OUT,
    FIFTY_FIFTH_BATCH_HELD_OUT,
    FIFTY_SEVENTH_BATCH_HELD_OUT,
    FIFTY_NINTH_BATCH_HELD_OUT,
    SIXTY_FIRST_BATCH_HELD_OUT,
    SIXTY_THIRD_BATCH_HELD_OUT,
    SIXTY_FIFTH_BATCH_HELD_OUT,
    SIXTY_SEVENTH_BATCH_HELD_OUT,
    SIXTY_NINTH_BATCH_HELD_OUT,
    SEVENTY_FIRST_BATCH_HELD_OUT,
    SEVENTY_THIRD_BATCH_HELD_OUT,
    SEVENTY_FIFTH_BATCH_HELD_OUT,
    SEVENTY_SEVENTH_BATCH_HELD_OUT,
    SEVENTY_NINTH_BATCH_HELD_OUT,
    EIGHTY_FIRST_BATCH_HELD_OUT,
    EIGHTY_THIRD_BATCH_HELD_OUT,
    EIGHTY_FIFTH_BATCH_HELD_OUT,
    EIGHTY_SEVENTH_BATCH_HELD_OUT,
    EIGHTY_NINTH_BATCH_HELD_OUT,
    NINETY_FIRST_BATCH_HELD_OUT,
    NINETY_THIRD_BATCH_HELD_OUT,
    NINETY_FIFTH_BATCH_HELD_OUT,
)


def held_out_by_batch(name: str) -> bool:
    return any(number(name) in batch for batch in HELD_OUT_BATCHES)


def split_rule(names: list[str]) -> tuple[str, set[str]]:
    """Return (salt, held_out names). Salts "", "1", "2", … are tried in order; files are
    sorted by sha256(salt + file name); every third one (0-based positions 2, 5, 8, …) is
    held out; the first salt whose held-out set has a 第X条 text and a short notice wins."""
    for i in range(100):
        salt = "" if i == 0 else str(i)
        order = sorted(names, key=lambda n: hashlib.sha256((salt + n).encode("utf-8")).hexdigest())
        held = {n for k, n in enumerate(order) if k % 3 == 2}
        if held & ARTICLE_DOCS and held & SHORT_NOTICES:
            return salt, held
    raise SystemExit("no salt satisfies the split constraints")


def check_entry(e: dict) -> list[str]:
    errs = []
    kind = e.get("kind")
    if kind not in KINDS:
        errs.append(f"kind {kind!r}")
    if e.get("scope") not in {"school", "region", "unclear"}:
        errs.append(f"scope {e.get('scope')!r}")
    if not e.get("scope_reason"):
        errs.append("no scope_reason")
    if e.get("modality") not in {"must", "encouraged", "prohibited"}:
        errs.append(f"modality {e.get('modality')!r}")
    if kind in NUMERIC and (e.get("comparator") not in COMPARATORS or "value" not in e):
        errs.append("numeric entry without comparator/value")
    if e.get("comparator") == "between" and "value_max" not in e:
        errs.append("between without value_max")
    if "comparator" in e and e["comparator"] not in COMPARATORS:
        errs.append(f"comparator {e['comparator']!r}")
    for s in e.get("stages") or []:
        if s not in STAGES:
            errs.append(f"stage {s!r}")
    for g in e.get("grades") or []:
        if not GRADE.match(str(g)):
            errs.append(f"grade {g!r}")
    if "implied" in e and e["implied"] is not True:
        errs.append("implied must be true when present")
    if "responsible" in e and not isinstance(e["responsible"], list):
        errs.append("responsible must be a list")
    if not isinstance(e.get("clause"), str):
        errs.append("clause must be a string")
    return errs


NUMERAL = re.compile(r"[0-9０-９]+|[零〇一二两三四五六七八九十百千万]+")


# ordinary words and structure markers that contain a numeral character but carry no number
WORDS = re.compile(
    r"统一|进一步|一体|之一|一并|一般|一批|唯一|一律|同一|一致|一定|一些|一起|一切|单一|不一|"
    r"一旦|一方面|另一方面|一线|一道|逐一|一流|万一|一系列|一贯|一刀切|千万|百姓|三令五申|"
    r"一视同仁|一经|一体化|一把手|下一步|任一"
)


def _structural(text: str, a: int, b: int) -> bool:
    before, after = text[max(0, a - 1) : a], text[b : b + 1]
    if before == "第" and after in "条章款":
        return True  # article / chapter / paragraph numbers are the clause, not listed
    if before in "（(" and after in "）)":
        return True  # (一) list markers
    nxt = text[b + 1 : b + 2]
    if after in ".．" and nxt and not nxt.isdigit() and not before.isdigit():
        return True  # inline item numbers `…材料2.本系统…`
    if after == "、" and before in ";；。分)）法":
        return True  # inline item numbers in flattened tables (…3分;2、…)
    # at the start of a line, after any indentation (c34 indents its 一、 headings)
    line_start = not text[text.rfind("\n", 0, a) + 1 : a].strip(" \u3000")
    # 一、 / 1. / 一是 headings at the start of a line (or a lone heading number)
    if line_start and text[b : b + 2] == " |":
        return True  # 序号 cell of a flattened table row
    return line_start and (after in "、.．是\n" or b == len(text))


def uncovered(text: str, spans: list[tuple[int, int]]) -> list[str]:
    out = []
    skip = [(m.start(), m.end()) for m in WORDS.finditer(text)]
    for m in NUMERAL.finditer(text):
        if any(a <= m.start() and m.end() <= b for a, b in spans + skip):
            continue
        if _structural(text, m.start(), m.end()):
            continue
        out.append(text[max(0, m.start() - 12) : m.end() + 12].replace("\n", "⏎"))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--uncovered", action="store_true")
    ap.add_argument("--split", choices=["dev", "held_out"])
    args = ap.parse_args()

    problems = 0
    sources = yaml.safe_load((HERE / "sources.yaml").read_text(encoding="utf-8"))["files"]
    recorded = {s["file"]: s["split"] for s in sources}
    names = sorted(p.name for p in TEXTS.glob("*.txt"))
    if sorted(recorded) != names:
        problems += 1
        print("sources.yaml and texts/ list different files")
    salt, held = split_rule([n for n in names if in_first_split(n)])
    for n in names:
        # c18–c69, c80–c89, c120–c129, c140–c163, c170–c181 and c188 on: always dev; c70–c79 (tenth batch),
        # c90–c99 (twelfth batch), c100–c119 (fourteenth batch), c130–c139 (sixteenth), c164–c169
        # (twenty-first), c182–c187 (twenty-fourth) and c200–c205 (twenty-eighth): always held out
        by_batch = held_out_by_batch(n)
        want = "held_out" if (n in held or by_batch) else "dev"
        if recorded.get(n) != want:
            problems += 1
            print(f"{n}: sources.yaml says {recorded.get(n)}, rule (salt {salt!r}) says {want}")

    per_split = {"dev": collections.Counter(), "held_out": collections.Counter()}
    kinds_split = {"dev": collections.Counter(), "held_out": collections.Counter()}
    rows = []
    labelled = set()
    for split in ("dev", "held_out"):
        for path in sorted((HERE / split).glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            doc = data["doc"]
            labelled.add(doc)
            if path.stem != Path(doc).stem:
                problems += 1
                print(f"{path}: file name does not match doc {doc}")
            if recorded.get(doc) != split:
                problems += 1
                print(f"{path}: {doc} is {recorded.get(doc)} but labels are in {split}/")
            text = (TEXTS / doc).read_text(encoding="utf-8")
            spans = []
            for section in ("requirements", "non_thresholds"):
                for entry in data.get(section) or []:
                    q = entry["quote"]
                    n = text.count(q)
                    if n != 1:
                        problems += 1
                        print(f"{path.name} {section}: quote found {n}x: {q!r}")
                    else:
                        a = text.find(q)
                        spans.append((a, a + len(q)))
            counts = collections.Counter()
            for e in data.get("requirements") or []:
                errs = check_entry(e)
                if errs:
                    problems += 1
                    print(f"{path.name}: {errs} in {e.get('quote')!r}")
                kind = e.get("kind")
                if kind in NUMERIC:
                    counts[f"numeric_{e.get('scope')}"] += 1
                    if e.get("implied"):
                        counts["implied"] += 1
                else:
                    counts[kind] += 1
                kinds_split[split][kind] += 1
            counts["non_thresholds"] = len(data.get("non_thresholds") or [])
            per_split[split] += counts
            rows.append((split, doc, counts))
            if args.uncovered and (args.split in (None, split)):
                for snip in uncovered(text, spans):
                    print(f"  uncovered {doc}: {snip}")
    missing = set(names) - labelled
    if missing:
        print("texts without labels:", sorted(missing))

    cols = [
        "numeric_school",
        "numeric_region",
        "numeric_unclear",
        "implied",
        "deadline",
        "existence",
        "prohibition",
        "non_thresholds",
    ]
    print("split     file                                  " + " ".join(c[:14].rjust(14) for c in cols))
    for split, doc, c in rows:
        print(f"{split:9} {doc:37} " + " ".join(str(c[k]).rjust(14) for k in cols))
    for split in ("dev", "held_out"):
        c = per_split[split]
        print(f"{split:9} {'TOTAL':37} " + " ".join(str(c[k]).rjust(14) for k in cols))
    for split in ("dev", "held_out"):
        print(split, "by kind:", dict(sorted(kinds_split[split].items())))
    print(f"split salt: {salt!r}; held_out: {sorted(held)} "
          "+ tenth batch c70–c79 + twelfth batch c90–c99 + fourteenth batch c100–c119 + sixteenth batch c130–c139 "
          "+ twenty-first batch c164–c169 + twenty-fourth batch c182–c187 + twenty-eighth batch c200–c205 "
          "+ thirty-second batch c224–c229 + thirty-fifth batch c242–c244 + thirty-seventh batch c251–c253 "
          "+ thirty-ninth batch c260–c262 + forty-first batch c269–c271 + forty-third batch c278–c280 + forty-fifth batch c287–c289 "
          "+ forty-seventh batch c296–c298 + forty-ninth batch c305–c307 + fifty-first batch c314–c316")
    print("problems:", problems)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
