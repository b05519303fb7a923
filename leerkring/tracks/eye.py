"""One participant's EYE model (figure 2 of the programme text, Saxion honours).

Qualities and pitfalls on the left; along the lower arc the personal learning
track — the learning question's versions, the integration assignments with their
yields, the reflections the person linked to them — to the mission on the right;
along the upper arc the community's collective track: ambition → goal →
assignment → result.

``eye_for(viewer, owner, period)`` gathers it through the owning apps'
``visible_to(viewer)`` querysets, so a coach gets exactly what the participant
shares with coaches (DESIGN.md §5). ``figure(eye, size)`` lays it out for the
SVG template (``tracks/includes/eye.svg``): wide as in the figure, narrow for a
phone (the eye stands upright: qualities on top, mission at the bottom).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from leerkring.communities.models import LearningPeriod

from .models import (
    CollectiveTrackVersion,
    LearningQuestion,
    PersonalTrack,
    QualityPitfall,
)


@dataclass
class Eye:
    """What the viewer may see of one participant's EYE in one period."""

    owner: Any
    period: LearningPeriod
    qualities: list[QualityPitfall]
    question: LearningQuestion | None
    assignments: list[Any]
    reflections: list[Any]
    mission: str
    collective: CollectiveTrackVersion | None

    @property
    def yields(self) -> list[Any]:
        """The owner's reports with a yield, in the order of their assignments."""
        return [
            report
            for assignment in self.assignments
            for report in assignment.reports.all()
            if report.author_id == self.owner.pk and report.learned
        ]

    @property
    def collective_steps(self) -> list[tuple[str, str]]:
        """The upper arc: ambition → goal → assignment → result."""
        version = self.collective
        return [
            (_("Ambition"), version.ambition if version else ""),
            (_("Goal"), version.goal if version else ""),
            (_("Assignment"), version.assignment_do if version else ""),
            (_("Result"), version.assignment_result if version else ""),
        ]

    def description(self) -> str:
        """The figure's text alternative: what it shows, in reading order."""
        question = self.question.current if self.question else None
        versions = len(self.question.history) if self.question else 0
        parts = [
            _("Left, qualities and pitfalls: %(items)s.")
            % {"items": "; ".join(_quality_line(q) for q in self.qualities) or "—"},
            _("In the middle, the learning question: %(text)s")
            % {"text": question.text if question else "—"},
            _("Lower arc, the personal learning track: ")
            + ngettext(
                "the learning question in %(n)d version",
                "the learning question in %(n)d versions",
                versions,
            )
            % {"n": versions}
            + ", "
            + ngettext(
                "%(n)d integration assignment",
                "%(n)d integration assignments",
                len(self.assignments),
            )
            % {"n": len(self.assignments)}
            + ", "
            + ngettext(
                "%(n)d learning yield", "%(n)d learning yields", len(self.yields)
            )
            % {"n": len(self.yields)}
            + ", "
            + ngettext(
                "%(n)d linked reflection",
                "%(n)d linked reflections",
                len(self.reflections),
            )
            % {"n": len(self.reflections)}
            + ".",
            _("Right, the mission: %(text)s") % {"text": self.mission or "—"},
            _("Upper arc, the collective track: %(steps)s.")
            % {
                "steps": " → ".join(
                    f"{label}: {text or '—'}" for label, text in self.collective_steps
                )
            },
        ]
        return " ".join(parts)


def _quality_line(item: QualityPitfall) -> str:
    return f"{item.quality} ({item.pitfall})" if item.pitfall else item.quality


def eye_for(viewer: Any, owner: Any, period: LearningPeriod) -> Eye:
    """``owner``'s EYE in ``period`` as ``viewer`` may read it (a fixed number of
    queries). Build it only for someone the ``tracks:eye`` rule lets in."""
    from leerkring.assignments.models import AssignmentReport, IntegrationAssignment
    from leerkring.journal.models import Reflection

    track = PersonalTrack.objects.filter(period=period, owner=owner).first()
    question = (
        LearningQuestion.objects.visible_to(viewer)
        .with_history()
        .filter(personal_track=track)
        .first()
        if track
        else None
    )
    assignments = list(
        IntegrationAssignment.objects.visible_to(viewer)
        .filter(period=period)
        .filter(Q(owner=owner) | Q(owner__isnull=True, reports__author=owner))
        .distinct()
        .select_related("due_meeting")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=AssignmentReport.objects.visible_to(viewer).filter(
                    author=owner
                ),
            )
        )
        .order_by("due_date", "pk")
    )
    linked = Q(assignment__in=[a.pk for a in assignments])
    if question is not None:
        linked |= Q(learning_question=question)
    reflections = list(
        Reflection.objects.visible_to(viewer)
        .filter(author=owner, community=period.community_id)
        .filter(linked)
        .order_by("created_at", "pk")
    )
    collective = (
        CollectiveTrackVersion.objects.filter(track__period=period)
        .order_by("-number")
        .first()
    )
    is_coach = viewer.pk != owner.pk
    return Eye(
        owner=owner,
        period=period,
        qualities=list(
            QualityPitfall.objects.visible_to(viewer).filter(personal_track=track)
        )
        if track
        else [],
        question=question,
        assignments=assignments,
        reflections=reflections,
        mission=track.mission
        if track and track.mission_visible_to(viewer, is_coach=is_coach)
        else "",
        collective=collective,
    )


# --- The drawing -----------------------------------------------------------


@dataclass
class Label:
    """A block of text: a bold heading and wrapped lines, first baseline at y."""

    x: float
    y: float
    anchor: str
    heading: str
    lines: list[str] = field(default_factory=list)
    line_height: float = 17
    tone: str = ""  # "personal" or "collective" colours the heading

    @property
    def rows(self) -> list[tuple[float, str]]:
        start = self.y + self.line_height
        return [
            (start + i * self.line_height, line) for i, line in enumerate(self.lines)
        ]


@dataclass
class Station:
    """A point on an arc and its label."""

    x: float
    y: float
    track: str  # "personal" or "collective"
    label: Label


@dataclass
class Figure:
    """Everything the SVG template draws, in the coordinates of ``view_box``."""

    size: str
    width: int
    height: int
    upper: str  # path of the collective (upper) arc
    lower: str  # path of the personal (lower) arc
    iris: tuple[float, float, float]
    blocks: list[Label]  # the iris, both sides and the legend
    stations: list[Station]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def _wrap(text: str, width: int, lines: int) -> list[str]:
    """At most ``lines`` lines of ``width`` characters; an ellipsis when cut."""
    text = " ".join(text.split())
    if not text:
        return ["—"]
    wrapped = textwrap.wrap(text, width, break_long_words=True) or ["—"]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return wrapped


def _on_curve(
    start: tuple[float, float],
    control: tuple[float, float],
    end: tuple[float, float],
    t: float,
) -> tuple[float, float]:
    """The point at ``t`` on a quadratic Bézier curve."""
    a, b, c = (1 - t) ** 2, 2 * (1 - t) * t, t**2
    return (
        round(a * start[0] + b * control[0] + c * end[0], 1),
        round(a * start[1] + b * control[1] + c * end[1], 1),
    )


def _personal_steps(eye: Eye) -> list[tuple[str, str]]:
    history = eye.question.history if eye.question else []
    latest_assignment = eye.assignments[-1].what if eye.assignments else ""
    latest_yield = eye.yields[-1].learned if eye.yields else ""
    latest_reflection = eye.reflections[-1].title if eye.reflections else ""
    return [
        (
            ngettext(
                "Question: %(n)d version", "Question: %(n)d versions", len(history)
            )
            % {"n": len(history)},
            history[0].text if history else "",
        ),
        (
            ngettext("%(n)d assignment", "%(n)d assignments", len(eye.assignments))
            % {"n": len(eye.assignments)},
            latest_assignment,
        ),
        (
            ngettext("%(n)d yield", "%(n)d yields", len(eye.yields))
            % {"n": len(eye.yields)},
            latest_yield,
        ),
        (
            ngettext("%(n)d reflection", "%(n)d reflections", len(eye.reflections))
            % {"n": len(eye.reflections)},
            latest_reflection,
        ),
    ]


def _sides(eye: Eye, width: int, lines: int) -> tuple[str, list[str], list[str]]:
    qualities = [
        line
        for item in eye.qualities[:4]
        for line in _wrap(_quality_line(item), width, 2)
    ][:lines] or ["—"]
    return _("Qualities and pitfalls"), qualities, _wrap(eye.mission, width, lines)


def _current_question(eye: Eye) -> str:
    current = eye.question.current if eye.question else None
    return current.text if current else ""


def figure(eye: Eye, size: str = "wide") -> Figure:
    """Lay out ``eye``: ``wide`` as figure 2, ``narrow`` upright for a phone."""
    return _narrow(eye) if size == "narrow" else _wide(eye)


def _wide(eye: Eye) -> Figure:
    width, height = 1000, 600
    left, right = (210.0, 300.0), (790.0, 300.0)
    up, down = (500.0, 30.0), (500.0, 570.0)
    stations = []
    for index, (heading, text) in enumerate(eye.collective_steps):
        x, y = _on_curve(left, up, right, 0.14 + index * 0.24)
        label = Label(x, y - 78, "middle", heading, _wrap(text, 18, 3))
        label.tone = "collective"
        stations.append(Station(x, y, "collective", label))
    for index, (heading, text) in enumerate(_personal_steps(eye)):
        x, y = _on_curve(left, down, right, 0.14 + index * 0.24)
        label = Label(x, y + 24, "middle", heading, _wrap(text, 18, 3))
        label.tone = "personal"
        stations.append(Station(x, y, "personal", label))
    quality_heading, quality_lines, mission_lines = _sides(eye, 22, 9)
    question = _current_question(eye)
    return Figure(
        size="wide",
        width=width,
        height=height,
        upper=f"M {left[0]} {left[1]} Q {up[0]} {up[1]} {right[0]} {right[1]}",
        lower=f"M {left[0]} {left[1]} Q {down[0]} {down[1]} {right[0]} {right[1]}",
        iris=(500, 300, 92),
        blocks=[
            Label(500, 248, "middle", _("Learning question"), _wrap(question, 20, 5)),
            Label(100, 200, "middle", quality_heading, quality_lines),
            Label(900, 200, "middle", _("Mission"), mission_lines),
            Label(500, 22, "middle", _("Collective result track"), tone="collective"),
            Label(500, 588, "middle", _("Personal learning track"), tone="personal"),
        ],
        stations=stations,
    )


def _narrow(eye: Eye) -> Figure:
    """Upright: qualities on top, mission at the bottom, the personal arc on the
    left with its labels outside it, the collective arc on the right."""
    width, height = 420, 1000
    top, bottom = (210.0, 250.0), (210.0, 790.0)
    left, right = (60.0, 520.0), (360.0, 520.0)
    stations = []
    for index, (heading, text) in enumerate(_personal_steps(eye)):
        x, y = _on_curve(top, left, bottom, 0.14 + index * 0.24)
        label = Label(
            x - 12, y - 18, "end", heading, _wrap(text, 15, 3), 16, "personal"
        )
        stations.append(Station(x, y, "personal", label))
    for index, (heading, text) in enumerate(eye.collective_steps):
        x, y = _on_curve(top, right, bottom, 0.14 + index * 0.24)
        label = Label(
            x + 12, y - 18, "start", heading, _wrap(text, 15, 3), 16, "collective"
        )
        stations.append(Station(x, y, "collective", label))
    quality_heading, quality_lines, mission_lines = _sides(eye, 40, 6)
    question = _current_question(eye)
    return Figure(
        size="narrow",
        width=width,
        height=height,
        upper=f"M {top[0]} {top[1]} Q {right[0]} {right[1]} {bottom[0]} {bottom[1]}",
        lower=f"M {top[0]} {top[1]} Q {left[0]} {left[1]} {bottom[0]} {bottom[1]}",
        iris=(210, 520, 62),
        blocks=[
            Label(210, 488, "middle", _("Question"), _wrap(question, 12, 4), 15),
            Label(210, 20, "middle", quality_heading, quality_lines),
            Label(210, 840, "middle", _("Mission"), mission_lines),
            Label(10, 215, "start", _("Personal track"), tone="personal"),
            Label(410, 215, "end", _("Collective track"), tone="collective"),
        ],
        stations=stations,
    )


def render_svg(eye: Eye, size: str = "wide", *, id_prefix: str = "eye") -> str:
    """The accessible SVG: ``role="img"``, a title and the text alternative."""
    return render_to_string(
        "tracks/includes/eye.svg",
        {"eye": eye, "figure": figure(eye, size), "id": f"{id_prefix}-{size}"},
    )
