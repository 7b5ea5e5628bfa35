"""Rubrics: the plan library, the extractor's candidates reviewed into a draft, rubric check, diff
and publish. Rule: a published rubric version is never edited; a change is a new version.
"""
