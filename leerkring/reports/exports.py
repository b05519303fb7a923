"""CSV/JSON exports of a community's collective data, for its coaches.

Only what belongs to the community: sessions (themes, dates, attendance counts),
the collective track with every version, the progress timeline, the agreements
with every version and its confirmations, the learning
yields members shared with the community, and check-in figures per session —
counts always, means and spread only from ``aggregates.MIN_ANSWERS`` answers
(``aggregates.stat`` returns None below it). Never a learning question, journal
entry, individual answer or anything shared with the coaches only. Authors are
named as the tracks app names them in shared history (former members anonymous).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from leerkring.agreements.harvest import shared_yields
from leerkring.agreements.models import AgreementConfirmation, AgreementVersion
from leerkring.communities.models import LearningPeriod, Sharing
from leerkring.meetings.models import Meeting
from leerkring.pulses import aggregates
from leerkring.pulses.models import Pulse
from leerkring.tracks.models import CollectiveTrackVersion, ProgressEntry
from leerkring.tracks.people import NameBook

Rows = list[dict[str, Any]]
MEASURES = ("energy", "safety", "collective_tension", "personal_tension")


def sessions(period: LearningPeriod, viewer: Any) -> Rows:
    meetings = (
        Meeting.objects.filter(period=period)
        .annotate(
            present=Count(
                "attendances", filter=Q(attendances__present=True), distinct=True
            ),
            agenda_items_count=Count("agenda_items", distinct=True),
        )
        .order_by("number")
    )
    return [
        {
            "number": m.number,
            "date": m.date,
            "part_of_day": m.part_of_day,
            "professional_theme": m.professional_theme,
            "personal_theme": m.personal_theme,
            "personal_question": m.personal_question,
            "location": m.location,
            "online_url": m.online_url,
            "agenda_items": m.agenda_items_count,
            "present": m.present,
        }
        for m in meetings
    ]


def collective_track(period: LearningPeriod, viewer: Any) -> Rows:
    versions = list(
        CollectiveTrackVersion.objects.filter(track__period=period)
        .select_related("author")
        .order_by("number")
    )
    names = NameBook(period.community_id, [v.author for v in versions])
    return [
        {
            "version": v.number,
            "created_at": v.created_at,
            "author": names.name(v.author, v.author_name),
            "ambition": v.ambition,
            "goal": v.goal,
            "assignment_do": v.assignment_do,
            "assignment_result": v.assignment_result,
            "strategic_goal": v.strategic_goal,
            "sdgs": " ".join(str(n) for n in v.sdgs),
            "note": v.note,
        }
        for v in versions
    ]


def agreements(period: LearningPeriod, viewer: Any) -> Rows:
    """Every version of the agreements, with who confirmed it and when."""
    versions = list(
        AgreementVersion.objects.filter(agreement__period=period)
        .prefetch_related(
            Prefetch(
                "confirmations",
                queryset=AgreementConfirmation.objects.select_related("user"),
            )
        )
        .order_by("number")
    )
    confirmations = [c for v in versions for c in v.confirmations.all()]
    names = NameBook(period.community_id, [c.user for c in confirmations])
    return [
        {
            "version": v.number,
            "created_at": v.created_at,
            **v.section_texts(),
            "change_note": v.change_note,
            "confirmations": len(v.confirmations.all()),
            "confirmed_by": "; ".join(
                f"{names.name(c.user)} ({c.confirmed_at:%Y-%m-%d %H:%M})"
                for c in v.confirmations.all()
            ),
        }
        for v in versions
    ]


def progress(period: LearningPeriod, viewer: Any) -> Rows:
    entries = list(
        ProgressEntry.objects.filter(track__period=period)
        .select_related("author", "meeting")
        .order_by("happened_on", "created_at", "pk")
    )
    names = NameBook(period.community_id, [e.author for e in entries])
    return [
        {
            "date": e.happened_on,
            "kind": e.kind,
            "session": e.meeting.number if e.meeting else None,
            "text": e.text,
            "author": names.name(e.author, e.author_name),
        }
        for e in entries
    ]


def yields(period: LearningPeriod, viewer: Any) -> Rows:
    reports = shared_yields(viewer, period)
    names = NameBook(period.community_id, [r.author for r in reports])
    return [
        {
            "session": r.assignment.due_meeting.number
            if r.assignment.due_meeting
            else None,
            "author": names.name(r.author),
            "status": r.status,
            "learned": r.learned,
        }
        for r in reports
        if r.sharing == Sharing.COMMUNITY
    ]


def check_ins(period: LearningPeriod, viewer: Any) -> Rows:
    """Per session and moment: answers, and group figures from three answers."""
    values: dict[tuple[int, str], dict[str, list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    rows = Pulse.objects.filter(window__meeting__period=period).values_list(
        "window__meeting__number", "window__moment", *MEASURES
    )
    for number, moment, *answers in rows:
        for measure, value in zip(MEASURES, answers, strict=True):
            values[(number, moment)][measure].append(value)
    result = []
    for (number, moment), measures in sorted(values.items()):
        row: dict[str, Any] = {
            "session": number,
            "moment": moment,
            "answers": len(measures["energy"]),
        }
        for measure in MEASURES:
            stat = aggregates.stat(measures[measure])
            row[f"{measure}_mean"] = round(stat.mean, 2) if stat else None
            row[f"{measure}_q1"] = round(stat.q1, 2) if stat else None
            row[f"{measure}_q3"] = round(stat.q3, 2) if stat else None
        result.append(row)
    return result


Dataset = Callable[[LearningPeriod, Any], Rows]
DATASETS: dict[str, tuple[Any, Dataset]] = {
    "sessions": (_("Sessions: themes, dates, attendance"), sessions),
    "collective-track": (_("Collective track, every version"), collective_track),
    "progress": (_("Progress timeline"), progress),
    "agreements": (_("Agreements, every version, with confirmations"), agreements),
    "yields": (_("Learning yields shared with the community"), yields),
    "check-ins": (
        _("Check-ins and check-outs (group figures from 3 answers)"),
        check_ins,
    ),
}
FORMATS = ("csv", "json")


def as_json(rows: Rows, *, dataset: str, period: LearningPeriod) -> str:
    return json.dumps(
        {
            "community": period.community.name,
            "period": str(period),
            "dataset": dataset,
            "rows": rows,
        },
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        indent=2,
    )
