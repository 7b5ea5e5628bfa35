"""Reports to download: a school's 办学水平评估报告 and the region summary, built from rows into the plain
view-models of the top-level reports package. Rule: reports never see a row; this package hands
them primitives.
"""
