"""Integration assignments ("integratieopdrachten") and the reports on them.

In a session's wrap-up a participant formulates an assignment for their own
practice (or the group a shared one), due at the next session. In that session's
look back each reports what they did, what happened and what they learned (the
yield), with a status. Unfinished assignments can be carried over: a new assignment
linked to the old one.

Visibility (DESIGN.md §5): an individual assignment and its reports are the owner's
and the coaches'; other members see them only when the owner shares. A shared
(group) assignment is the community's; each report on it has its own choice.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import LearningPeriod, Sharing
from leerkring.tracks.models import (
    LearningQuestion,
    coached_communities,
    member_communities,
)

# What every member of the community may read (DESIGN.md §5): the group's
# assignments and those their owner shares; a report when it is shared too.
FOR_EVERY_MEMBER = Q(owner__isnull=True) | Q(sharing=Sharing.COMMUNITY)
REPORT_FOR_EVERY_MEMBER = Q(sharing=Sharing.COMMUNITY) & (
    Q(assignment__owner__isnull=True) | Q(assignment__sharing=Sharing.COMMUNITY)
)


class IntegrationAssignmentQuerySet(models.QuerySet["IntegrationAssignment"]):
    def visible_to(self, user: Any) -> IntegrationAssignmentQuerySet:
        """Own, coached, shared with the community, or the group's."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(owner=user)
            | Q(period__community__in=coached_communities(user))
            | (Q(period__community__in=member_communities(user)) & FOR_EVERY_MEMBER)
        )

    def shared_with_community(self) -> IntegrationAssignmentQuerySet:
        """What every member of the assignment's community may read."""
        return self.filter(FOR_EVERY_MEMBER)

    def open_for(self, user: Any) -> IntegrationAssignmentQuerySet:
        """Those ``user`` still has to report on.

        Their own and the group's they have not reported on at all: once they
        told how it went (done, partly or not) nobody asks again; what is left of
        a partly done one continues as its carried-over successor, which replaces
        it here.
        """
        if not user.is_authenticated:
            return self.none()
        reports = AssignmentReport.objects.filter(
            assignment=models.OuterRef("pk"), author=user
        )
        return self.filter(
            Q(owner=user) | Q(owner__isnull=True), carried_to__isnull=True
        ).exclude(models.Exists(reports))

    def for_page(self, user: Any) -> IntegrationAssignmentQuerySet:
        """With what a page shows, each related private item filtered for ``user``.

        The linked learning question and the reports come along only where
        ``user`` may read them (a hidden question reads as no link).
        """
        return self._with_related(
            LearningQuestion.objects.visible_to(user),
            AssignmentReport.objects.visible_to(user),
        )

    def with_reports_for(self, user: Any) -> IntegrationAssignmentQuerySet:
        """:meth:`for_page` without the learning question, for a page that
        shows none (the harvest): two queries fewer."""
        return self._with_reports(AssignmentReport.objects.visible_to(user))

    def for_shared_screen(self) -> IntegrationAssignmentQuerySet:
        """:meth:`for_page` for the room's projector: only what every member of
        the community may read, whoever looks (use with
        :meth:`shared_with_community`)."""
        return self._with_related(
            LearningQuestion.objects.filter(sharing=Sharing.COMMUNITY),
            AssignmentReport.objects.shared_with_community(),
        )

    def _with_related(
        self, questions: models.QuerySet[Any], reports: models.QuerySet[Any]
    ) -> IntegrationAssignmentQuerySet:
        return self._with_reports(reports).prefetch_related(
            models.Prefetch(
                "learning_question", queryset=questions.prefetch_related("versions")
            )
        )

    def _with_reports(
        self, reports: models.QuerySet[Any]
    ) -> IntegrationAssignmentQuerySet:
        return self.select_related(
            "owner", "period", "meeting", "due_meeting", "carried_from", "carried_to"
        ).prefetch_related(
            models.Prefetch("reports", queryset=reports.select_related("author"))
        )


class IntegrationAssignment(models.Model):
    """What someone will try in their own practice before the next session."""

    period = models.ForeignKey(
        LearningPeriod, on_delete=models.CASCADE, related_name="assignments"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("formulated in session"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="formulated_assignments",
    )
    due_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("due at session"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="due_assignments",
    )
    due_date = models.DateField(_("due date"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty for an assignment shared by the whole group."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by_name = models.CharField(max_length=150, blank=True)
    what = models.TextField(_("what I will do"))
    practice_situation = models.TextField(_("in which practice situation"))
    learning_question = models.ForeignKey(
        LearningQuestion,
        verbose_name=_("linked to my learning question"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments",
    )
    serves_collective_goal = models.BooleanField(
        _("serves our collective goal"), default=False
    )
    sharing = models.CharField(
        _("who may read this"), max_length=16, choices=Sharing, default=Sharing.COACHES
    )
    carried_from = models.OneToOneField(
        "self",
        verbose_name=_("carried over from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = IntegrationAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("integration assignment")
        verbose_name_plural = _("integration assignments")
        ordering = ["due_date", "owner__display_name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner__isnull=False) | Q(sharing=Sharing.COMMUNITY),
                name="group_assignment_is_shared",
            ),
            models.CheckConstraint(
                condition=Q(owner__isnull=False) | Q(learning_question__isnull=True),
                name="group_assignment_has_no_personal_question",
            ),
            models.CheckConstraint(condition=~Q(what=""), name="assignment_says_what"),
        ]

    def __str__(self) -> str:
        return self.what[:60]

    @property
    def is_group(self) -> bool:
        return self.owner_id is None

    @property
    def community_id(self) -> int:
        return self.period.community_id

    def report_by(self, user: Any) -> AssignmentReport | None:
        """This person's report (uses prefetched reports when present)."""
        return next((r for r in self.reports.all() if r.author_id == user.pk), None)

    def is_unfinished(self) -> bool:
        """Not (yet) done: no 'done' report by the owner, or any for a group."""
        reports = list(self.reports.all())
        if self.is_group:
            return not reports or any(
                r.status != AssignmentReport.Status.DONE for r in reports
            )
        own = next((r for r in reports if r.author_id == self.owner_id), None)
        return own is None or own.status != AssignmentReport.Status.DONE

    @property
    def was_carried_over(self) -> bool:
        try:
            return self.carried_to is not None
        except IntegrationAssignment.DoesNotExist:
            return False


class AssignmentReportQuerySet(models.QuerySet["AssignmentReport"]):
    def visible_to(self, user: Any) -> AssignmentReportQuerySet:
        """Own, coached, or shared with the community (and about a visible thing)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(author=user)
            | Q(assignment__period__community__in=coached_communities(user))
            | (
                Q(assignment__period__community__in=member_communities(user))
                & REPORT_FOR_EVERY_MEMBER
            )
        )

    def shared_with_community(self) -> AssignmentReportQuerySet:
        """What every member of the report's community may read."""
        return self.filter(REPORT_FOR_EVERY_MEMBER)


class AssignmentReport(models.Model):
    """What I did, what happened, what I learned (the yield), and a status."""

    class Status(models.TextChoices):
        DONE = "done", _("Done")
        PARTLY = "partly", _("Partly")
        NOT = "not", _("Not")

    assignment = models.ForeignKey(
        IntegrationAssignment, on_delete=models.CASCADE, related_name="reports"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    did = models.TextField(_("what I did"))
    happened = models.TextField(_("what happened"), blank=True)
    learned = models.TextField(_("what I learned (the yield)"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status)
    sharing = models.CharField(
        _("who may read this"), max_length=16, choices=Sharing, default=Sharing.COACHES
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssignmentReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment report")
        verbose_name_plural = _("assignment reports")
        ordering = ["assignment", "author__display_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "author"], name="one_report_per_person"
            ),
            models.CheckConstraint(condition=~Q(did=""), name="report_says_what_done"),
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.get_status_display()}"
