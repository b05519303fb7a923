"""The tension arc as data for a page, as a sentence, and as a server-drawn SVG.

``period_arc`` reads a period's check-ins and computes the arc (``arc.py``);
``arc_svg`` draws it with matplotlib (no pyplot, so it is thread-safe), for the
arc page and for PDFs. Every group figure comes through ``aggregates``, so the
minimum of three answers holds here too.
"""

from __future__ import annotations

import base64
import io
import math
from datetime import date
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from matplotlib import rc_context
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

from leerkring.communities.models import LearningPeriod
from leerkring.meetings.models import Meeting

from .arc import (
    COLLECTIVE,
    ENERGY,
    PERSONAL,
    SAFETY,
    Arc,
    Note,
    Observation,
    Phase,
    compute_arc,
)
from .models import Pulse

PHASE_LABELS = {
    Phase.KICKSTART: gettext_lazy("Kickstart"),
    Phase.CLIMACTIC: gettext_lazy("Climactic episode"),
    Phase.ANTI_CLIMACTIC: gettext_lazy("Anti-climactic episode"),
    Phase.LANDING: gettext_lazy("Landing"),
}
MEASURE_LABELS = {
    COLLECTIVE: gettext_lazy("Collective result track"),
    PERSONAL: gettext_lazy("Individual development track"),
    ENERGY: gettext_lazy("Energy"),
    SAFETY: gettext_lazy("Safety"),
}
COLOURS = {
    COLLECTIVE: "#1f5f5b",
    PERSONAL: "#9c4221",
    ENERGY: "#7a5b00",
    SAFETY: "#1a4fbf",
}
PHASE_SHADES = ("#eef4f3", "#fbf0e8", "#f1f1f6", "#eef5e9")
# Figure sizes in inches: the page's chart, and a tall narrow one whose text is
# still about 10 px on a 390 px phone (the wide one shrinks it to ~5 px there).
FIGURE_SIZES = {"wide": (8.0, 7.5), "narrow": (4.2, 8.5)}


def current_session(meetings: list[Meeting], today: date) -> int | None:
    """Today's session, else the last one before today, else none."""
    past = [m for m in meetings if m.date <= today]
    return max(past, key=lambda m: m.date).number if past else None


def period_arc(
    period: LearningPeriod, *, viewer: Any = None, today: date | None = None
) -> Arc:
    """The arc of a period; ``viewer``'s own line included if they answered."""
    meetings = list(Meeting.objects.filter(period=period).order_by("number"))
    rows = Pulse.objects.filter(window__meeting__period=period).values_list(
        "pk",
        "user_id",
        "window__meeting__number",
        "energy",
        "safety",
        "collective_tension",
        "personal_tension",
    )
    observations = [
        Observation(
            session=number,
            person=user_id if user_id is not None else ("anonymous", pk),
            energy=energy,
            safety=safety_,
            collective=collective,
            personal=personal,
        )
        for pk, user_id, number, energy, safety_, collective, personal in rows
    ]
    return compute_arc(
        [m.number for m in meetings],
        observations,
        current=current_session(meetings, today or timezone.localdate()),
        viewer=getattr(viewer, "pk", None),
    )


def decimal(value: float) -> str:
    """One decimal, in the reader's language (3,5 in Dutch)."""
    return formats.number_format(value, 1)


def describe(arc: Arc) -> str:
    """A sentence or three that say what the chart shows (its text alternative)."""
    shown = arc.shown_points
    if not shown:
        return _(
            "Not enough check-ins yet to draw the group's arc: a session needs "
            "answers from at least 3 people."
        )
    first, last = shown[0], shown[-1]
    parts = [
        _("Sessions with a group figure: %(sessions)s.")
        % {"sessions": ", ".join(str(p.number) for p in shown)}
    ]
    for measure in (COLLECTIVE, PERSONAL, ENERGY, SAFETY):
        start, end = first.mean(measure), last.mean(measure)
        if start is None or end is None:
            continue
        parts.append(
            _(
                "%(measure)s: %(start)s in session %(first)s, "
                "%(end)s in session %(last)s."
            )
            % {
                "measure": MEASURE_LABELS[measure],
                "start": decimal(start),
                "end": decimal(end),
                "first": first.number,
                "last": last.number,
            }
        )
    if arc.current is not None:
        current = {"number": arc.current}
        parts.append(_("Session %(number)s is the current one.") % current)
    if arc.has_own_line:
        parts.append(_("Your own answers are drawn as a dashed line."))
    return " ".join(parts)


def describe_note(note: Note) -> str:
    if note.kind == "flat":
        return _(
            "The arc stays flat on the %(track)s: the mean tension in sessions "
            "%(sessions)s stays between %(low)s and %(high)s. A community must not "
            "simmer — is there enough at stake?"
        ) % {
            "track": str(MEASURE_LABELS[note.measure]).lower(),
            "sessions": ", ".join(str(s) for s in note.sessions),
            "low": decimal(min(note.values)),
            "high": decimal(max(note.values)),
        }
    return _(
        "Felt safety dropped from %(before)s in session %(first)s to %(after)s in "
        "session %(second)s."
    ) % {
        "before": decimal(note.values[0]),
        "after": decimal(note.values[1]),
        "first": note.sessions[0],
        "second": note.sessions[1],
    }


def _series(arc: Arc, measure: str, part: str) -> list[float]:
    values = []
    for point in arc.points:
        value = point.stats.get(measure)
        values.append(math.nan if value is None else float(getattr(value, part)))
    return values


def _own(arc: Arc, measure: str) -> list[float]:
    return [
        math.nan if not point.own else float(point.own[measure]) for point in arc.points
    ]


def _draw_panel(
    ax: Any, arc: Arc, measures: tuple[str, ...], title: str, *, legend_columns: int
) -> None:
    xs = [point.number for point in arc.points]
    for measure in measures:
        colour = COLOURS[measure]
        ax.fill_between(
            xs,
            _series(arc, measure, "q1"),
            _series(arc, measure, "q3"),
            color=colour,
            alpha=0.15,
            linewidth=0,
        )
        ax.plot(
            xs,
            _series(arc, measure, "mean"),
            color=colour,
            marker="o",
            linewidth=2,
            label=str(MEASURE_LABELS[measure]) if len(measures) > 1 else _("group"),
        )
        if arc.has_own_line:
            ax.plot(
                xs,
                _own(arc, measure),
                color=colour,
                marker="D",
                markersize=4,
                linestyle="--",
                linewidth=1.2,
                label=_("you") if len(measures) == 1 else None,
            )
    ax.set_title(title, loc="left", fontsize=11, fontweight="bold")
    ax.set_ylim(0.8, 5.2)
    ax.set_yticks([1, 2, 3, 4, 5])
    ax.grid(axis="y", color="#d9dde5", linewidth=0.6)
    ax.legend(loc="lower right", fontsize=8, frameon=False, ncol=legend_columns)


def render_svg(arc: Arc, *, size: str = "wide") -> str:
    """Draw the arc: collective track, individual track, energy and safety; ``size``
    is a key of ``FIGURE_SIZES``."""
    count = len(arc.points)
    narrow = size == "narrow"
    with rc_context(
        {"svg.fonttype": "none", "svg.hashsalt": "leerkring-arc", "font.size": 9}
    ):
        figure = Figure(figsize=FIGURE_SIZES[size])
        FigureCanvasSVG(figure)
        axes = figure.subplots(3, 1, sharex=True)
        panels = (
            ((COLLECTIVE,), str(MEASURE_LABELS[COLLECTIVE])),
            ((PERSONAL,), str(MEASURE_LABELS[PERSONAL])),
            ((ENERGY, SAFETY), _("Energy and safety")),
        )
        for ax, (measures, title) in zip(axes, panels, strict=True):
            for index, span in enumerate(arc.phases):
                ax.axvspan(
                    span.first - 0.5,
                    span.last + 0.5,
                    color=PHASE_SHADES[index % len(PHASE_SHADES)],
                    zorder=0,
                )
            if arc.current is not None:
                ax.axvspan(
                    arc.current - 0.5,
                    arc.current + 0.5,
                    facecolor="none",
                    edgecolor="#1d2433",
                    linewidth=1.5,
                    linestyle=":",
                    zorder=1,
                )
            _draw_panel(ax, arc, measures, title, legend_columns=1 if narrow else 3)
        for span in arc.phases:
            label = str(PHASE_LABELS[span.phase])
            axes[0].annotate(
                "\n".join(label.split()) if narrow else label,
                xy=((span.first + span.last) / 2, 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(0, 24),
                textcoords="offset points",
                ha="center",
                fontsize=7.5 if narrow else 8.5,
                fontweight="bold",
                color="#1d2433",
            )
        last = axes[-1]
        last.set_xlim(0.5, max(count, 1) + 0.5)
        last.set_xticks([point.number for point in arc.points])
        last.set_xticklabels(
            [
                f"{p.number}\n{_('now')}" if p.number == arc.current else str(p.number)
                for p in arc.points
            ]
        )
        last.set_xlabel(_("Session"))
        figure.subplots_adjust(
            left=0.1 if narrow else 0.06, right=0.98, top=0.9, bottom=0.07, hspace=0.45
        )
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def arc_svg(period: LearningPeriod, *, viewer: Any = None, size: str = "wide") -> str:
    """The period's arc as SVG markup; with ``viewer``'s own line if they answered.

    Pass ``viewer`` only for a document that person alone sees (their own page,
    their personal PDF); ``None`` draws the group arc only.
    """
    return render_svg(period_arc(period, viewer=viewer), size=size)


def svg_data_uri(svg: str) -> str:
    """A drawing as an inline image, for documents that fetch nothing."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
