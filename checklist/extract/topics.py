"""What a candidate is about, in terms shared across plans and rubrics.

config/rubrics/README.md fixes shared input keys (``pe_minutes_daily``, ``exchange_teachers``,
``study_trips`` …) so that the same figure has the same key in every rubric. The topic table of
config/draft_rules.yaml recognises the candidates that speak of one of those figures;
``rubric draft`` then uses the shared key and ``rubric diff`` pairs the requirement across two
plans (营口 10% against city X's 15%).
"""

from __future__ import annotations

from checklist.extract.candidates import Candidate
from checklist.extract.draft_rules import Topic, default_draft_rules

__all__ = ["Topic", "topic_of"]


def topic_of(candidate: Candidate) -> Topic | None:
    """The shared topic a candidate speaks of, if any (the first row of the table that holds)."""
    return default_draft_rules().topic_of(candidate)
