"""Intervision: cases members register for a meeting, and the format the chair
chose for the agenda's intervision item.

They keep the ``meetings`` app label (``meetings/models.py`` imports them).

A case is the community's (DESIGN.md §5: the members and its coaches read the
question, the context and the group's advice); the case-bringer's take-away is
private until they share it (``takeaway_sharing``: empty is "only me", else a
:class:`~leerkring.communities.models.Sharing` level as on the track).
"""

from __future__ import annotations

from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import Membership, Sharing

from .formats import Format, FormatPlan, plan_for


class IntervisionCase(models.Model):
    """A case a member brings to a meeting's intervision."""

    # A cancelled meeting leaves its cases waiting: their bringer chooses another.
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
        verbose_name=_("session"),
    )
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="intervision_cases"
    )
    question = models.TextField(_("your question"))
    context = models.TextField(_("short context"), blank=True)
    learning_question = models.ForeignKey(
        "tracks.LearningQuestion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="intervision_cases",
        verbose_name=_("linked to your learning question"),
    )
    advice = models.TextField(_("the group's advice"), blank=True)
    takeaway = models.TextField(_("what you take along"), blank=True)
    takeaway_sharing = models.CharField(
        _("who may read this"),
        max_length=16,
        choices=Sharing,
        blank=True,
        default="",
    )
    takeaway_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("peer-consultation case")
        verbose_name_plural = _("peer-consultation cases")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return Truncator(self.question).chars(80)


class IntervisionPlan(models.Model):
    """The format chosen for an intervision item of the agenda, the case it
    works on, and which of its steps runs in the room."""

    item = models.OneToOneField(
        "meetings.AgendaItem", on_delete=models.CASCADE, related_name="intervision"
    )
    format = models.CharField(_("format"), max_length=32, choices=Format)
    case = models.ForeignKey(
        IntervisionCase,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans",
        verbose_name=_("case"),
    )
    step = models.PositiveSmallIntegerField(default=0)
    step_started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("peer-consultation format")
        verbose_name_plural = _("peer-consultation formats")

    def __str__(self) -> str:
        return str(self.get_format_display())

    @property
    def plan(self) -> FormatPlan:
        return plan_for(self.format)
