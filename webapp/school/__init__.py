"""The school's self-assessment: its pages generated from the rubric, answers as typed, evidence
files (checked by content, stored under generated names), submission. Rule: a school sees and
changes only its own assessment, only while it may edit it.
"""
