from django.urls import reverse

from leerkring.cohorts import actions
from leerkring.cohorts.models import CohortRole, CohortRule, Proposal
from leerkring.cohorts.tests.factories import CohortCoachFactory
from leerkring.cohorts.tests.helpers import SETTINGS, upload_rows
from leerkring.core.tests.matrix import (
    ANON,
    LEAD,
    LOGIN,
    SUPERUSER,
    Row,
    World,
    allow,
    everyone,
    posts,
)


def extend(world: World) -> None:
    cohort = actions.save_cohort(
        organisation=world.organisation,
        actor=world.users[LEAD],
        name="Matrix cohort",
        rows=upload_rows(14),
    )
    members = list(cohort.members.all())
    ids = [m.pk for m in members]
    # Two communities of seven, stored directly: the engine is tested elsewhere.
    proposal = Proposal.objects.create(
        cohort=cohort, settings=SETTINGS, groups=[ids[0::2], ids[1::2]]
    )
    world.extra["cohort"] = cohort
    world.extra["cohort_member"] = members[0]
    world.extra["cohort_rule"] = actions.add_rule(
        cohort=cohort,
        kind=CohortRule.Kind.MUST_LINK,
        members=[members[0], members[2]],
    )
    world.extra["cohort_coach"] = CohortCoachFactory(cohort=cohort)
    world.extra["proposal"] = proposal
    world.extra["cohort_role"] = CohortRole.objects.create(
        organisation=world.organisation, name="Lector", other_names="onderzoeker"
    )


def _lead(ok: int = 200) -> dict[str, int | str]:
    return allow(LEAD, ok=ok)  # superusers administer; they read no diversity data


def _organisation_page(ok: int = 200) -> dict[str, int | str]:
    return allow(LEAD, SUPERUSER, ok=ok)  # the organisation's page: no personal data


def _move(w: World) -> dict[str, object]:
    first, second = w.proposal.groups[0][0], w.proposal.groups[1][0]
    return {"member": first, "swap_with": second, "action": "swap", "version": 1}


ROWS = [
    Row(
        "cohorts:cohort-list",
        lambda w: reverse("cohorts:cohort-list", args=[w.organisation.pk]),
        allow(LEAD, SUPERUSER),  # the organisation's page: no personal data
    ),
    Row(
        "cohorts:cohort-upload",
        lambda w: reverse("cohorts:cohort-upload", args=[w.organisation.pk]),
        allow(LEAD, SUPERUSER),  # the organisation's page: no personal data
    ),
    Row(
        "cohorts:cohort-detail",
        lambda w: reverse("cohorts:cohort-detail", args=[w.cohort.pk]),
        _lead(),
    ),
    Row(
        "cohorts:cohort-erase",
        lambda w: reverse("cohorts:cohort-erase", args=[w.cohort.pk]),
        _lead(),
    ),
    Row(
        "cohorts:cohort-erase",
        lambda w: reverse("cohorts:cohort-erase", args=[w.cohort.pk]),
        _lead(302),
        method="post",
    ),
    Row(
        "cohorts:cohort-template",
        lambda w: reverse("cohorts:cohort-template", args=[w.organisation.pk, "xlsx"]),
        _organisation_page(),
    ),
    Row(
        "cohorts:cohort-template",
        lambda w: reverse("cohorts:cohort-template", args=[w.organisation.pk, "csv"]),
        _organisation_page(),
    ),
    Row(
        "cohorts:cohort-template",
        lambda w: reverse("cohorts:cohort-template", args=[w.organisation.pk, "pdf"]),
        allow(),
    ),
    Row(
        "cohorts:cohort-template",
        lambda w: reverse("cohorts:cohort-template", args=[w.organisation.pk, "csv"]),
        {**everyone(405), ANON: LOGIN},
        method="post",
    ),
    Row(
        "cohorts:role-list",
        lambda w: reverse("cohorts:role-list", args=[w.organisation.pk]),
        _organisation_page(),
    ),
    Row(
        "cohorts:role-list",
        lambda w: reverse("cohorts:role-list", args=[w.organisation.pk]),
        _organisation_page(302),
        method="post",
        data=lambda w: {"role-name": "Gastdocent", "role-other_names": ""},
    ),
    Row(
        "cohorts:role-delete",
        lambda w: reverse(
            "cohorts:role-delete", args=[w.organisation.pk, w.cohort_role.pk]
        ),
        {**everyone(405), ANON: LOGIN},
    ),
    Row(
        "cohorts:role-delete",
        lambda w: reverse(
            "cohorts:role-delete", args=[w.organisation.pk, w.cohort_role.pk]
        ),
        _organisation_page(302),
        method="post",
    ),
    Row(
        "cohorts:cohort-delete",
        lambda w: reverse("cohorts:cohort-delete", args=[w.cohort.pk]),
        _lead(),
    ),
    Row(
        "cohorts:cohort-delete",
        lambda w: reverse("cohorts:cohort-delete", args=[w.cohort.pk]),
        _lead(302),
        method="post",
    ),
    Row(
        "cohorts:member-erase",
        lambda w: reverse(
            "cohorts:member-erase", args=[w.cohort.pk, w.cohort_member.pk]
        ),
        _lead(302),
        method="post",
    ),
    Row(
        "cohorts:rule-create",
        lambda w: reverse("cohorts:rule-create", args=[w.cohort.pk]),
        _lead(302),
        method="post",
        data=lambda w: {
            "rule-kind": "cannot_link",
            "rule-members": [m.pk for m in w.cohort.members.all()[2:4]],
        },
    ),
    Row(
        "cohorts:rule-delete",
        lambda w: reverse("cohorts:rule-delete", args=[w.cohort.pk, w.cohort_rule.pk]),
        _lead(302),
        method="post",
    ),
    Row(
        "cohorts:coach-create",
        lambda w: reverse("cohorts:coach-create", args=[w.cohort.pk]),
        _lead(302),
        method="post",
        data=lambda w: {
            "coach-name": "Nieuwe Coach",
            "coach-email": "nieuwe.coach@example.nl",
            "coach-experienced": "1",
            "coach-capacity": "1",
        },
    ),
    Row(
        "cohorts:coach-delete",
        lambda w: reverse(
            "cohorts:coach-delete", args=[w.cohort.pk, w.cohort_coach.pk]
        ),
        _lead(302),
        method="post",
    ),
    Row(
        "cohorts:compose",
        lambda w: reverse("cohorts:compose", args=[w.cohort.pk]),
        _lead(302),
        method="post",
        data=lambda w: {
            "use_role": "on",
            "weight_role": "1",
            "use_age": "on",
            "weight_age": "2",
            "max_group_size": "12",
            "seed": "3",
        },
    ),
    Row(
        "cohorts:proposal-detail",
        lambda w: reverse("cohorts:proposal-detail", args=[w.proposal.pk]),
        _lead(),
    ),
    Row(
        "cohorts:proposal-move",
        lambda w: reverse("cohorts:proposal-move", args=[w.proposal.pk]),
        _lead(),
        method="post",
        data=_move,
        htmx=True,
    ),
    Row(
        "cohorts:proposal-rerun",
        lambda w: reverse("cohorts:proposal-rerun", args=[w.proposal.pk]),
        _lead(302),
        method="post",
    ),
    Row(
        "cohorts:proposal-accept",
        lambda w: reverse("cohorts:proposal-accept", args=[w.proposal.pk]),
        _lead(302),
        method="post",
        data=lambda w: {"name_prefix": "Matrix", "version": 1, "confirmed": "1"},
    ),
    Row(
        "cohorts:proposal-accept",
        lambda w: reverse("cohorts:proposal-accept", args=[w.proposal.pk]),
        _lead(),
        method="post",
        data=lambda w: {"name_prefix": "Matrix", "version": 1},
    ),
]

# Each form's POST path: the same people, refused alike (an empty form is shown
# again with its errors).
ROWS += posts(ROWS, "cohorts:cohort-upload")
