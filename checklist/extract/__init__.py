"""checklist.extract: from a plan's text (工作要点) to requirement candidates and a draft rubric.

Rule: this package is pure. It takes text and returns frozen data — no Flask, SQLAlchemy,
pandas or WeasyPrint (import-linter checks it), no network, no model downloads. Its only I/O is
reading YAML (the phrase lexicon in ``config/lexicon.yaml`` and a seed folder's
``index.yaml``). Patterns run on a normalised working string (NFKC, stray spaces removed) that
keeps an offset map back to the original, so every quote is an exact substring of the original
text: ``text[c.start:c.end] == c.quote``. Chinese numerals are converted span by span with
cn2an, never by ``cn2an.transform`` on a whole sentence.

Pipeline: ``text`` (normalise, clauses, sentences, parts) → ``candidates.extract`` (cue and
unit patterns, ``numbers``, the ``lexicon``; ``tables`` and ``phrases`` for what is not a cue
and a number, ``wording`` for subject, period, scope and stages) → ``draft.draft_rubric``
(school-level candidates become rubric items; the rest is listed for a person to decide) and
``plan_diff.diff_plans`` (the same requirement with different thresholds in two plans).
"""

from checklist.extract.candidate import windows_joined
from checklist.extract.candidates import Candidate, describe, extract, stages_and_grades
from checklist.extract.lexicon import Lexicon, LexiconError, default_lexicon, load_lexicon
from checklist.extract.text import Normalised, normalise

__all__ = [
    "Candidate",
    "Lexicon",
    "LexiconError",
    "Normalised",
    "default_lexicon",
    "describe",
    "extract",
    "load_lexicon",
    "normalise",
    "stages_and_grades",
    "windows_joined",
]
