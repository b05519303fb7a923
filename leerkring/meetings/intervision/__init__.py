"""Intervision with real formats: members register cases for a meeting, the
chair chooses a format whose steps fill the agenda's intervision item and run in
the room with their own timer, the group's advice is kept with the case and the
case-bringer records a take-away on their track.

Its models keep the ``meetings`` app label (``meetings/models.py`` imports them)
and its URL patterns are included in the ``meetings:`` namespace.
"""
