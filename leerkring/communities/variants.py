"""Variants of the leergang (issue 17; seed §2.1): presets chosen when a
community is created and shown on it.

A variant presets how many sessions the leergang has and over how many weeks,
the community's language, which rows of Table 1 the sessions get (the first
and the last always row 1 and row 8, so the tension arc keeps its kick-start
and its landing), what the agenda emphasises and the prompt for goals.
Everything stays editable when the coaches plan; the method default stays
visible. The built-in variants are data here; a programme lead defines the
organisation's own variants from them (:class:`~.models.Variant`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# A leergang has 4–12 sessions (the method's 8 is the basis), over 4–104 weeks.
MIN_SESSIONS, MAX_SESSIONS = 4, 12
MIN_WEEKS, MAX_WEEKS = 4, 104
# Two weeks between sessions at the least: time for the integration assignments.
MIN_WEEKS_BETWEEN = 2


@dataclass(frozen=True)
class Preset:
    key: str
    name: str | Promise
    sessions: int
    weeks: int
    language: str = ""  # "": the community's own choice
    rows: tuple[int, ...] = ()  # (): spread over Table 1 by the method's rule
    emphasis: str | Promise = ""
    goal_prompt: str | Promise = ""


BUILT_IN: tuple[Preset, ...] = (
    Preset(
        "standard",
        gettext_lazy("Standard leergang"),
        sessions=8,
        weeks=26,
        emphasis=gettext_lazy(
            "The full arc: eight sessions, each on its row of Table 1."
        ),
        goal_prompt=gettext_lazy(
            "What lasting change in your practice do you want to reach together?"
        ),
    ),
    Preset(
        "semester",
        gettext_lazy("Shortened semester version"),
        sessions=5,
        weeks=18,
        rows=(1, 2, 4, 6, 8),
        emphasis=gettext_lazy(
            "Project teams working for external clients: the look back starts "
            "with each team's progress on its assignment."
        ),
        goal_prompt=gettext_lazy(
            "What result does your team deliver to its client at the end of "
            "the semester?"
        ),
    ),
    Preset(
        "honours",
        gettext_lazy("International / honours group"),
        sessions=8,
        weeks=26,
        language="en",
        emphasis=gettext_lazy(
            "Students and teachers together, in English: diversity of "
            "background is the source of learning."
        ),
        goal_prompt=gettext_lazy(
            "What do you want to learn together that none of you could learn alone?"
        ),
    ),
    Preset(
        "education_team",
        gettext_lazy("Education team"),
        sessions=8,
        weeks=26,
        emphasis=gettext_lazy("Developing new education together."),
        goal_prompt=gettext_lazy(
            "Which education do you want to (re)design, and for which students?"
        ),
    ),
    Preset(
        "managers",
        gettext_lazy("Managers' collective"),
        sessions=8,
        weeks=26,
        emphasis=gettext_lazy(
            "Developing and implementing a new vision, in every layer of the "
            "organisation."
        ),
        goal_prompt=gettext_lazy(
            "How do you make the vision visible and felt in what you do?"
        ),
    ),
    Preset(
        "theme",
        gettext_lazy("Theme community"),
        sessions=6,
        weeks=20,
        emphasis=gettext_lazy(
            "Professionals from different teams around one theme (for example "
            "positive health)."
        ),
        goal_prompt=gettext_lazy(
            "What do you want to change in your practice around this theme?"
        ),
    ),
    Preset(
        "project_team",
        gettext_lazy("Project team"),
        sessions=6,
        weeks=16,
        emphasis=gettext_lazy(
            "Implementing one (innovation) project: progress on the project opens "
            "every look back."
        ),
        goal_prompt=gettext_lazy("What does the project deliver, and for whom?"),
    ),
)
BY_KEY = {preset.key: preset for preset in BUILT_IN}
DEFAULT = "standard"
CHOICES = [(preset.key, preset.name) for preset in BUILT_IN]


def built_in(key: str) -> Preset:
    return BY_KEY.get(key, BY_KEY[DEFAULT])


def most_sessions(weeks: int) -> int:
    """How many sessions fit in ``weeks`` with enough time between them."""
    return weeks // MIN_WEEKS_BETWEEN + 1


def fit_problem(sessions: int, weeks: int) -> str | None:
    """A clear message when ``sessions`` do not fit in ``weeks``, else None."""
    if sessions <= most_sessions(weeks):
        return None
    return _(
        "%(sessions)s sessions do not fit in %(weeks)s weeks: with at least "
        "%(between)s weeks between sessions for the integration assignments, "
        "%(weeks)s weeks hold at most %(most)s sessions. Choose fewer sessions "
        "or more weeks."
    ) % {
        "sessions": sessions,
        "weeks": weeks,
        "between": MIN_WEEKS_BETWEEN,
        "most": most_sessions(weeks),
    }
