"""Background jobs: report batches, large exports and imports, on a local queue (bounded) or on
Celery workers. Rule: a job re-reads its creator's account and scope when it runs; the web
process sends Celery tasks by name and never imports them.
"""
