"""The self-run period after the leergang (section 2.3 of the text): the
community meets on its own, its members take turns as chair and note-taker, a
coach joins now and then.

Everything about it lives here (models, rotation, actions, pages, views, urls,
tests); its models keep the ``meetings`` app label (``meetings/models.py``
imports them), so moving code here needs no migration.
"""
