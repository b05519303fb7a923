"""What the agreements pages show, gathered in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Prefetch, Q

from leerkring.accounts.models import User
from leerkring.communities.models import Community, LearningPeriod, Membership
from leerkring.core.diff import Segment, compare

from .models import SECTIONS, Agreement, AgreementVersion


@dataclass
class SectionChange:
    name: str
    label: Any
    segments: list[Segment]
    was_empty: bool
    is_empty: bool


def changes(
    before: AgreementVersion | None, after: AgreementVersion
) -> list[SectionChange]:
    """The sections that differ between two versions, word by word."""
    result = []
    for name, label in SECTIONS:
        old = getattr(before, name) if before else ""
        new = getattr(after, name)
        if old != new:
            result.append(
                SectionChange(name, label, compare(old, new), not old, not new)
            )
    return result


@dataclass
class PersonRow:
    """One person in the "who confirmed which version" table."""

    user: User
    membership: Membership
    cells: list[datetime | None] = field(default_factory=list)

    @property
    def has_left(self) -> bool:
        return not self.membership.is_active


@dataclass
class AgreementsOverview:
    agreement: Agreement | None
    versions: list[AgreementVersion]  # newest first
    people: list[PersonRow]
    member_count: int

    @property
    def current(self) -> AgreementVersion | None:
        return self.versions[0] if self.versions else None

    @property
    def previous(self) -> AgreementVersion | None:
        return self.versions[1] if len(self.versions) > 1 else None

    @property
    def version(self) -> int:
        """The agreement's edit counter (claimed on save; not a version number)."""
        return self.agreement.version if self.agreement else 0

    @property
    def confirmed_count(self) -> int:
        """Active members who confirmed the current version."""
        return sum(1 for p in self.people if not p.has_left and p.cells and p.cells[0])

    @property
    def all_confirmed(self) -> bool:
        return self.current is not None and self.confirmed_count == self.member_count

    def confirmed_by(self, user: User) -> AgreementVersion | None:
        """The newest version ``user`` confirmed."""
        for version in self.versions:
            if any(c.user_id == user.pk for c in version.confirmations.all()):
                return version
        return None


def agreements_overview(
    community: Community, period: LearningPeriod | None
) -> AgreementsOverview:
    """Versions with their confirmations, and everyone who is or was a member."""
    agreement = None
    versions: list[AgreementVersion] = []
    if period is not None:
        agreement = (
            Agreement.objects.filter(period=period)
            .prefetch_related(
                Prefetch(
                    "versions",
                    queryset=AgreementVersion.objects.order_by(
                        "-number"
                    ).prefetch_related("confirmations"),
                )
            )
            .first()
        )
        if agreement is not None:
            versions = list(agreement.versions.all())
    confirmed_user_ids = {c.user_id for v in versions for c in v.confirmations.all()}
    ordered = (
        Membership.objects.filter(community=community)
        .filter(
            Q(status=Membership.Status.ACTIVE)
            | Q(status=Membership.Status.LEFT, user_id__in=confirmed_user_ids)
        )
        .select_related("user")
        .order_by("status", "role", "user__display_name")
    )
    people = []
    for membership in ordered:
        moments = {
            v.pk: c.confirmed_at
            for v in versions
            for c in v.confirmations.all()
            if c.user_id == membership.user_id
        }
        people.append(
            PersonRow(
                user=membership.user,
                membership=membership,
                cells=[moments.get(v.pk) for v in versions],
            )
        )
    member_count = sum(1 for p in people if not p.has_left)
    return AgreementsOverview(agreement, versions, people, member_count)
