"""The inspector's review (核定): the queue of assigned schools, item by item review (confirm,
correct, override with a reason, comment), differences, return for correction, finalise. Rule:
the verified score comes from the same engine as the self score.
"""
