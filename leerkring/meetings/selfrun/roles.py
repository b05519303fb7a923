"""The roles a self-run community chooses, and the proposal that shares them out.

The community defines its roles and their tasks (chair, note-taker and
case-bringer to start with; timekeeper, host, contact with management, … as it
likes) and per role chooses rotation or a fixed holder for the period. Any
member may change the role set (section 2.3: roles are tasks, never rights);
each change makes a new proposal for the meetings still to come, fair by
:mod:`.rotation`. Other code asks :func:`roles_for` and :func:`holder`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from leerkring.accounts.models import User
from leerkring.communities.models import Community, LearningPeriod, Membership
from leerkring.core import audit
from leerkring.core.concurrency import claim
from leerkring.core.models import AuditAction

from ..models import Meeting
from . import rotation
from .models import MeetingRole, RoleDefinition, RoleKey, SelfRunSchedule

DEFAULT_ROLES = (RoleKey.CHAIR, RoleKey.NOTE_TAKER, RoleKey.CASE_BRINGER)
# Every period keeps these two: the room and the summary rely on them.
KEPT_ROLES = (RoleKey.CHAIR, RoleKey.NOTE_TAKER)
MAX_ROLES = 12


class RoleSetError(Exception):
    """A change to the role set that cannot be made; nothing was changed."""


def roles_for(meeting: Meeting) -> list[MeetingRole]:
    """The meeting's roles in the community's order, with their holders."""
    return list(
        MeetingRole.objects.filter(meeting=meeting)
        .select_related("membership__user")
        .order_by("definition__position", "role")
    )


def holder(meeting: Meeting, key: str) -> Membership | None:
    """Who holds role ``key`` (e.g. ``"case_bringer"``) at the meeting; None
    when the role is open, its holder left, or the community has no such role."""
    role = (
        MeetingRole.objects.filter(meeting=meeting, role=key)
        .select_related("membership__user")
        .first()
    )
    return None if role is None or role.is_open else role.membership


def definitions(period: LearningPeriod) -> list[RoleDefinition]:
    """The period's roles in order, with who declined each."""
    return list(
        RoleDefinition.objects.filter(period=period)
        .select_related("holder__user")
        .prefetch_related(
            Prefetch("declined_by", queryset=Membership.objects.only("pk"))
        )
    )


def rotating_members(community: Community) -> list[Membership]:
    """The active participants, in a fixed order: they take the roles in turn."""
    return list(
        Membership.objects.active()
        .participants()
        .filter(community=community)
        .select_related("user")
        .order_by("user__display_name", "pk")
    )


def create_default_roles(period: LearningPeriod) -> list[RoleDefinition]:
    """Chair, note-taker and case-bringer, rotating (names in the reader's language)."""
    return RoleDefinition.objects.bulk_create(
        RoleDefinition(period=period, key=key, position=position)
        for position, key in enumerate(DEFAULT_ROLES, start=1)
    )


def specs(
    roles: list[RoleDefinition], members: list[Membership]
) -> list[rotation.Role[Membership]]:
    """The rotation's view of the roles (a fixed holder who left: open)."""
    by_pk = {m.pk: m for m in members}
    return [
        rotation.Role(
            role.key,
            fixed=not role.rotates,
            holder=by_pk.get(role.holder_id) if role.holder_id else None,
            declined=frozenset(
                by_pk[d.pk] for d in role.declined_by.all() if d.pk in by_pk
            ),
        )
        for role in roles
    ]


@dataclass(frozen=True)
class Proposal:
    """What a new proposal did: how many meetings, and what the members should
    know about it (roles everyone declined, roles left open for lack of people)."""

    meetings: int
    declined_by_all: list[str]
    open_per_meeting: int

    def notes(self) -> list[str]:
        said = []
        if self.declined_by_all:
            said.append(
                _(
                    "Everyone would rather not take %(roles)s; it still goes round "
                    "all of you, fairly. Talk about what would make it easier."
                )
                % {"roles": ", ".join(self.declined_by_all)}
            )
        if self.open_per_meeting:
            said.append(
                _(
                    "There are more roles than members to take them: %(count)s "
                    "role(s) stay open at each meeting. Remove a role or give "
                    "someone a role for the whole period."
                )
                % {"count": self.open_per_meeting}
            )
        return said


def propose(period: LearningPeriod, *, today: date | None = None) -> Proposal:
    """Share the roles of the meetings from today on again, fairly, over the
    participants who are active now.

    Continues the rotation from the roles they held earlier in the period; fills
    roles that fell open (someone left) and roles just added; drops roles no
    longer in the set. Every changed row gets a new version, so a swap someone
    was about to make is refused instead of undoing this. Call it inside the
    caller's transaction.
    """
    today = today or timezone.localdate()
    members = rotating_members(period.community)
    if len(members) < 2:
        raise RoleSetError(
            _(
                "A self-run period needs at least two active participants to "
                "share its roles."
            )
        )
    roles = definitions(period)
    plan_roles = specs(roles, members)
    by_pk = {m.pk: m for m in members}
    held: dict[Membership, dict[str, int]] = {}
    past = MeetingRole.objects.for_period(period).filter(
        meeting__date__lt=today, membership__in=members
    )
    for membership_id, key in past.values_list("membership_id", "role"):
        counts = held.setdefault(by_pk[membership_id], {})
        counts[key] = counts.get(key, 0) + 1
    meetings = list(Meeting.objects.for_period(period).filter(date__gte=today))
    plan = rotation.rotate(members, len(meetings), roles=plan_roles, held=held)
    rows = MeetingRole.objects.filter(meeting__in=meetings)
    rows.exclude(role__in=[r.key for r in roles]).delete()
    # Vacate first, so "one role per member per meeting" holds at every step.
    rows.update(membership=None, version=F("version") + 1)
    existing = {(row.meeting_id, row.role): row for row in rows}
    by_key = {r.key: r for r in roles}
    changed, missing = [], []
    for meeting, chosen in zip(meetings, plan, strict=True):
        for role in roles:
            person = chosen.get(role.key)
            row = existing.get((meeting.pk, role.key))
            if row is None:
                missing.append(
                    MeetingRole(
                        meeting=meeting,
                        role=role.key,
                        definition=by_key[role.key],
                        membership=person,
                    )
                )
            else:
                row.membership = person
                row.definition = by_key[role.key]
                changed.append(row)
    MeetingRole.objects.bulk_update(changed, ["membership", "definition"])
    MeetingRole.objects.bulk_create(missing)
    return outlook(roles, members, len(meetings))


def outlook(
    roles: list[RoleDefinition], members: list[Membership], meetings: int
) -> Proposal:
    """What the members should know about a proposal of these roles."""
    plan_roles = specs(roles, members)
    declined = rotation.declined_by_all(members, plan_roles)
    return Proposal(
        meetings=meetings,
        declined_by_all=[r.label for r in roles if r.key in declined],
        open_per_meeting=rotation.short_of_people(members, plan_roles),
    )


def _check(
    period: LearningPeriod, name: str, rotates: bool, fixed: Membership | None
) -> str:
    name = name.strip()
    if not name:
        raise RoleSetError(_("Give the role a name."))
    if not rotates and fixed is None:
        raise RoleSetError(_("Choose who holds the role for the whole period."))
    if fixed is not None and fixed not in rotating_members(period.community):
        raise RoleSetError(_("Choose an active participant to hold the role."))
    return name


def _fixed_elsewhere(
    period: LearningPeriod, fixed: Membership | None, role: RoleDefinition | None
) -> None:
    if fixed is None:
        return
    others = RoleDefinition.objects.filter(period=period, holder=fixed)
    if role is not None:
        others = others.exclude(pk=role.pk)
    if others.exists():
        raise RoleSetError(
            _("%(name)s already holds a role for the whole period; one each.")
            % {"name": fixed.user.display_name}
        )


def _record(actor: User, period: LearningPeriod, step: str, key: str) -> None:
    audit.record(
        AuditAction.ROLE_CHANGED,
        actor=actor,
        target=period,
        meeting_roles=step,
        role=key,
    )


@transaction.atomic
def add_role(
    *,
    schedule: SelfRunSchedule,
    actor: User,
    version: int,
    name: str,
    task: str = "",
    rotates: bool = True,
    fixed: Membership | None = None,
) -> Proposal:
    """Add a role to the period's set and propose the roles again."""
    period = schedule.period
    name = _check(period, name, rotates, fixed)
    roles = definitions(period)
    if len(roles) >= MAX_ROLES:
        raise RoleSetError(
            _("A period has at most %(max)s roles.") % {"max": MAX_ROLES}
        )
    if any(r.label.casefold() == name.casefold() for r in roles):
        raise RoleSetError(_("There is already a role with that name."))
    _fixed_elsewhere(period, fixed, None)
    claim(schedule, version, field="roles_version")
    base = slugify(name)[:24] or "role"
    taken = {r.key for r in roles}
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    RoleDefinition.objects.create(
        period=period,
        key=key,
        name=name,
        task=task.strip(),
        rotates=rotates,
        holder=None if rotates else fixed,
        position=max((r.position for r in roles), default=0) + 1,
    )
    _record(actor, period, "role_added", key)
    return propose(period)


@transaction.atomic
def edit_role(
    *,
    schedule: SelfRunSchedule,
    role: RoleDefinition,
    actor: User,
    version: int,
    name: str,
    task: str = "",
    rotates: bool = True,
    fixed: Membership | None = None,
) -> Proposal:
    """Rename a role, change its task, or switch between rotation and a fixed
    holder; then propose the roles again."""
    period = schedule.period
    name = _check(period, name, rotates, fixed)
    if role.key in KEPT_ROLES and not rotates:
        raise RoleSetError(
            _("The chair and the note-taker always rotate: they go round everyone.")
        )
    clash = RoleDefinition.objects.filter(period=period).exclude(pk=role.pk)
    if any(r.label.casefold() == name.casefold() for r in clash):
        raise RoleSetError(_("There is already a role with that name."))
    _fixed_elsewhere(period, fixed, role)
    claim(schedule, version, field="roles_version")
    # A default keeps showing in the reader's language until someone renames it.
    role.name = "" if name == role.label and not role.name else name
    role.task = "" if task.strip() == role.task_text and not role.task else task.strip()
    role.rotates = rotates
    role.holder = None if rotates else fixed
    role.save(update_fields=["name", "task", "rotates", "holder"])
    _record(actor, period, "role_edited", role.key)
    return propose(period)


@transaction.atomic
def remove_role(
    *, schedule: SelfRunSchedule, role: RoleDefinition, actor: User, version: int
) -> Proposal:
    """Remove a role from the set: it goes from the meetings still to come (the
    meetings held keep who held it, under its key)."""
    if role.key in KEPT_ROLES:
        raise RoleSetError(
            _("Every meeting has a chair and a note-taker; those roles stay.")
        )
    claim(schedule, version, field="roles_version")
    key = role.key
    role.delete()
    _record(actor, schedule.period, "role_removed", key)
    return propose(schedule.period)


@transaction.atomic
def set_declined(
    *,
    schedule: SelfRunSchedule,
    role: RoleDefinition,
    membership: Membership,
    version: int,
    declined: bool,
) -> Proposal:
    """A member would rather not (or again would) take a rotating role; the
    roles are proposed again."""
    if not role.rotates:
        raise RoleSetError(_("This role has a fixed holder; it does not rotate."))
    claim(schedule, version, field="roles_version")
    if declined:
        role.declined_by.add(membership)
    else:
        role.declined_by.remove(membership)
    return propose(schedule.period)
