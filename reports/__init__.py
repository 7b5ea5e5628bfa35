"""reports: what people take away — PDF evaluation reports and Excel tables.

Rule: reports turns plain data (a view-model built from ScoreCards, the rubric and a school's
summary) into HTML, PDF/A and Excel. It never sees a database row or Flask; it may use
checklist, Jinja2, WeasyPrint (with its fontTools and HarfBuzz, for the report fonts), pandas,
openpyxl, and read its own data: ``static/``, ``templates/`` and ``config/basic_facts.yaml``.
"""

from reports.build import build_school_report
from reports.model import (
    InspectionRecord,
    ItemNote,
    MissingSchool,
    RegionReport,
    ReportMeta,
    SchoolReport,
    SchoolResult,
    SchoolSummary,
)
from reports.region import build_region_report, school_result

# Rendering (reports.render: WeasyPrint), batches (reports.batch) and Excel (reports.excel)
# are imported from their modules, so that using the view-models costs no WeasyPrint import.
__all__ = [
    "InspectionRecord",
    "ItemNote",
    "MissingSchool",
    "RegionReport",
    "ReportMeta",
    "SchoolReport",
    "SchoolResult",
    "SchoolSummary",
    "build_region_report",
    "build_school_report",
    "school_result",
]
