"""Rubrics: the plan library, the extractor's candidates reviewed into a draft, the draft editor
(a plan, and last year's rubric, turned into a rubric in the browser), rubric check, diff and
publish. Rule: a published rubric version is never edited; a change is a new version.
"""
