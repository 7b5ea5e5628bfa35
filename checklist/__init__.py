"""checklist: the pure domain of selfcheck.

Rule: this package takes data and returns data. It holds the rubric model (frozen
dataclasses), loading and validation of rubric YAML, the plan library (the policy texts in
``seeds/`` and any others given to it as text), extraction of requirements from them, and
scoring — one engine (``engine``) that evaluates every rule for one school or a province at
once, its figures put into words by ``explain``, and its two uses ``scoring.score`` and
``batch.score_many``. It imports no Flask, SQLAlchemy, WTForms, WeasyPrint or pandas
(import-linter checks this); its only I/O is reading files given to it: rubric YAML
(``loader``), the seed texts and their index (``seeds``), and the phrase lexicon
(``extract.lexicon``).
"""

from checklist.model import (
    Applicability,
    Dimension,
    Indicator,
    Input,
    InputType,
    Item,
    Level,
    PartialMode,
    Rubric,
    SchoolProfile,
    Source,
    Stage,
)
from checklist.scoring import ItemResult, ScoreCard, Status, score

__all__ = [
    "Applicability",
    "Dimension",
    "Indicator",
    "Input",
    "InputType",
    "Item",
    "ItemResult",
    "Level",
    "PartialMode",
    "Rubric",
    "SchoolProfile",
    "ScoreCard",
    "Source",
    "Stage",
    "Status",
    "score",
]
