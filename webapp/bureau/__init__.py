"""The bureau's side: cycles (年度评估), the school list, inspector assignments, the progress and
results boards, the audit log. Rule: a district officer sees only the district's schools, in
every list, board and export.
"""
