"""The evaluation corpus stays consistent: its split follows the rule written in verify.py, every
quote is found exactly once in its text, and the labels use the schema's vocabulary.

verify.py prints counts only (never a held-out text), so running it here looks at nothing that
tuning must not see."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

VERIFY = Path(__file__).parent / "corpus" / "verify.py"


def _verify():  # type: ignore[no-untyped-def]
    """corpus/verify.py as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("corpus_verify", VERIFY)
    verify = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(verify)
    return verify


def test_the_corpus_has_no_problem():
    done = subprocess.run([sys.executable, str(VERIFY)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-2000:]
    assert done.stdout.rstrip().endswith("problems: 0")


def test_a_file_numbered_past_99_is_read_by_its_number():
    verify = _verify()
    assert verify.number("c104_some_plan_2024.txt") == 104
    assert not verify.in_first_split("c104_some_plan_2024.txt")  # c10 is in the first split, c104 is not
    assert verify.in_first_split("c10_chuzhou_shuimian.txt")
    assert verify.in_fourteenth_batch("c104_some_plan_2024.txt")
    assert not verify.in_fourteenth_batch("c120_some_plan_2025.txt")


@pytest.mark.parametrize(
    ("is_in", "first", "last"),
    [
        ("in_sixteenth_batch", 130, 139),
        ("in_twenty_first_batch", 164, 169),
        ("in_twenty_fourth_batch", 182, 187),
        ("in_twenty_eighth_batch", 200, 205),
        ("in_thirty_second_batch", 224, 229),
        ("in_thirty_fifth_batch", 242, 244),
        ("in_thirty_seventh_batch", 251, 253),
        ("in_thirty_ninth_batch", 260, 262),
        ("in_forty_first_batch", 269, 271),
        ("in_forty_third_batch", 278, 280),
        ("in_forty_fifth_batch", 287, 289),
        ("in_forty_seventh_batch", 296, 298),
        ("in_forty_ninth_batch", 305, 307),
        ("in_fifty_first_batch", 314, 316),
        ("in_fifty_third_batch", 323, 325),
        ("in_fifty_fifth_batch", 332, 334),
        ("in_fifty_seventh_batch", 341, 343),
        ("in_fifty_ninth_batch", 350, 352),
        ("in_sixty_first_batch", 359, 361),
        ("in_sixty_third_batch", 368, 370),
        ("in_sixty_fifth_batch", 377, 379),
        ("in_sixty_seventh_batch", 386, 388),
        ("in_sixty_ninth_batch", 395, 397),
        ("in_seventy_first_batch", 404, 406),
        ("in_seventy_third_batch", 413, 415),
        ("in_seventy_fifth_batch", 422, 424),
        ("in_seventy_seventh_batch", 431, 433),
        ("in_seventy_ninth_batch", 440, 442),
        ("in_eighty_first_batch", 449, 451),
        ("in_eighty_third_batch", 458, 460),
        ("in_eighty_fifth_batch", 467, 469),
        ("in_eighty_seventh_batch", 476, 478),
        ("in_eighty_ninth_batch", 485, 487),
        ("in_ninety_first_batch", 494, 496),
        ("in_ninety_third_batch", 503, 505),
        ("in_ninety_fifth_batch", 512, 514),
    ],
)
def test_a_batch_held_out_whole_is_held_out_and_the_numbers_around_it_are_dev(is_in: str, first: int, last: int):
    verify = _verify()
    in_batch = getattr(verify, is_in)
    assert in_batch(f"c{first}_some_plan_2024.txt") and in_batch(f"c{last}_some_plan_2024.txt")
    assert verify.held_out_by_batch(f"c{(first + last) // 2}_some_plan_2024.txt")
    assert not in_batch(f"c{first - 1}_some_plan_2024.txt")
    assert not in_batch(f"c{last + 1}_some_plan_2024.txt")
    assert not verify.held_out_by_batch(f"c{last + 1}_some_plan_2024.txt")
