"""Whether a participant would like to coach a new learning community.

The method asks every participant of a leergang (seed text §2.3: "Deelnemers aan
leergangen wordt altijd gevraagd naar eventuele interesse in het coachen van nieuw
te ontwikkelen learning communities … (meester-gezel-leerling)"): an alumnus starts
as apprentice coach next to an experienced coach. One answer per membership, which
the participant may change; the community's coaches and the organisation's
programme leads read it, nobody else.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import Membership

NOTE_MAX_LENGTH = 2000


class Answer(models.TextChoices):
    YES = "yes", _("Yes, as apprentice coach next to an experienced coach")
    MAYBE = "maybe", _("Maybe later — ask me again next period")
    NO = "no", _("No, thank you")


INTERESTED = (Answer.YES, Answer.MAYBE)
# For tables, where the full sentence is too long.
SHORT_ANSWERS = {
    Answer.YES: _("Yes"),
    Answer.MAYBE: _("Maybe later"),
    Answer.NO: _("No"),
}


class CoachingInterestQuerySet(models.QuerySet["CoachingInterest"]):
    def interested(self) -> CoachingInterestQuerySet:
        """Answers the programme leads look for: yes, or maybe later."""
        return self.filter(answer__in=INTERESTED)

    def in_organisation(self, organisation_id: int) -> CoachingInterestQuerySet:
        return self.filter(membership__community__organisation_id=organisation_id)


class CoachingInterest(models.Model):
    """A participant's answer to "would you like to coach a new community?".

    ``version`` goes up with every change, so an answer sent from an old tab is
    refused instead of silently overwriting a newer one.
    """

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="coaching_interest"
    )
    answer = models.CharField(_("answer"), max_length=8, choices=Answer)
    note = models.TextField(_("note"), blank=True, max_length=NOTE_MAX_LENGTH)
    answered_at = models.DateTimeField(_("answered at"))
    version = models.PositiveIntegerField(default=1)

    objects = CoachingInterestQuerySet.as_manager()

    class Meta:
        verbose_name = _("coaching interest")
        verbose_name_plural = _("coaching interests")
        ordering = ["-answered_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answer__in=Answer.values), name="coaching_interest_answer"
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="coaching_interest_version_from_1"
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("note"), NOTE_MAX_LENGTH),
                name="coaching_interest_note_length",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership} — {self.get_answer_display()}"

    @property
    def short_answer(self) -> str:
        return str(SHORT_ANSWERS[Answer(self.answer)])

    @property
    def is_interested(self) -> bool:
        return self.answer in INTERESTED
