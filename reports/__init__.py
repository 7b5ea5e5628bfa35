"""reports: what people take away — PDF evaluation reports and Excel tables.

Rule: reports turns plain data (a view-model built from ScoreCards, the rubric and a school's
summary) into HTML, PDF and Excel. It never sees a database row or Flask; it may use
checklist, Jinja2, WeasyPrint, pandas and openpyxl.
"""
