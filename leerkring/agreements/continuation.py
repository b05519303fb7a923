"""The decision to go on, taken at the harvest (issue 15; seed §1.4).

The community records one decision for the period it harvests — stop, go on as
it is (on its own or in a new leergang), or go on in a new composition — and
every member says for themself whether they stay, leave, or would like another
community. Nobody records another member's word.

The effects come when the next period starts (``tracks.continuity.carry_over``
calls :func:`depart`): whoever said they leave or would like another community
leaves the community then (``communities.actions.remove_member``, audited) and
keeps all their own data; the shared history keeps their contributions under the
rules that apply to every leaver. A community that decided to stop plans no new
period (:func:`stopped`).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerkring.communities.actions import remove_member
from leerkring.communities.models import Community, LearningPeriod, Membership

from .models import ContinuationDecision, GoOn, MemberIntention, Staying

if TYPE_CHECKING:
    from leerkring.accounts.models import User

LEAVING = (Staying.LEAVES, Staying.OTHER_COMMUNITY)


@transaction.atomic
def decide(*, period: LearningPeriod, actor: User, choice: str) -> ContinuationDecision:
    """Record (or change) the community's decision for ``period``."""
    decision, _created = (
        ContinuationDecision.objects.select_for_update().update_or_create(
            period=period,
            defaults={
                "choice": choice,
                "decided_by": actor,
                "decided_at": timezone.now(),
            },
        )
    )
    return decision


@transaction.atomic
def state_intention(
    *, period: LearningPeriod, user: User, choice: str
) -> MemberIntention:
    """Record (or change) what ``user`` says about the next period."""
    intention, _created = MemberIntention.objects.update_or_create(
        period=period,
        user=user,
        defaults={"choice": choice, "decided_at": timezone.now()},
    )
    return intention


def stopped(community: Community) -> str | None:
    """Why ``community`` plans no new period, if it decided to stop."""
    decision = (
        ContinuationDecision.objects.filter(period__community=community)
        .select_related("period")
        .order_by("-period__start_date")
        .first()
    )
    if decision is None or decision.choice != GoOn.STOP:
        return None
    return _(
        "At the harvest of “%(period)s” the community decided to stop. "
        "Record another decision on the harvest page to go on."
    ) % {"period": decision.period}


def depart(*, previous: LearningPeriod, actor: User) -> list[Membership]:
    """The members who said at ``previous``'s harvest that they leave (or would
    like another community) leave now; their own data stays theirs."""
    leaving = MemberIntention.objects.filter(
        period=previous, choice__in=LEAVING
    ).values("user_id")
    gone = []
    for membership in Membership.objects.filter(
        community_id=previous.community_id,
        user_id__in=leaving,
        status=Membership.Status.ACTIVE,
    ):
        reason = _("Said at the harvest of “%(period)s”: not in the next period.") % {
            "period": previous
        }
        gone.append(remove_member(membership=membership, actor=actor, reason=reason))
    return gone


def decision_context(period: LearningPeriod, user: Any) -> dict[str, Any]:
    """What the decision page and the harvest show: the decision, the viewer's
    own word, and how many members said what (never who, except to themself)."""
    decision = (
        ContinuationDecision.objects.filter(period=period)
        .select_related("decided_by")
        .first()
    )
    intentions = list(MemberIntention.objects.filter(period=period))
    counts = Counter(i.choice for i in intentions)
    mine = next((i for i in intentions if i.user_id == user.pk), None)
    return {
        "decision": decision,
        "my_intention": mine,
        "intention_counts": [
            (label, counts.get(value, 0)) for value, label in Staying.choices
        ],
    }
