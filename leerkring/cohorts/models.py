"""Cohorts uploaded for composing communities, and the proposals made from them.

A cohort's diversity attributes are personal data (DESIGN.md §5): given with
consent, seen only by the organisation's programme leads while composing, and
erasable per person or for the whole cohort. A person's consent has a scope:
the diversity attributes they agreed to. Values outside the scope are never
stored, so composing can only use what was consented to. Name, e-mail and role
are organisational data needed to invite someone; they are not diversity
attributes and need no consent.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import Community, Organisation, OrganisationRole

# The diversity attributes a person can consent to (custom ones come on top).
DIVERSITY_ATTRIBUTES = ("age", "gender", "education", "discipline", "experience")
NUMERIC_ATTRIBUTES = ("age", "experience")


def attribute_label(name: str) -> Any:
    labels = {
        "role": _("role"),
        "age": _("age"),
        "gender": _("gender"),
        "education": _("educational background"),
        "discipline": _("discipline"),
        "experience": _("work experience (years)"),
    }
    return labels.get(name, name)


def role_label(value: str) -> str:
    """A role as people read it: the standard roles translated, own roles as named."""
    if value in CohortMember.Role.values:
        return str(CohortMember.Role(value).label)
    return value


class CohortRole(models.Model):
    """A role of the organisation's own for its cohort files, next to the standard
    roles (student, teacher, manager, staff, work-field partner)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="cohort_roles"
    )
    name = models.CharField(_("name"), max_length=50)
    other_names = models.CharField(
        _("other names in files"),
        max_length=200,
        blank=True,
        help_text=_("Separated by commas, e.g. lector, onderzoeker."),
    )

    class Meta:
        verbose_name = _("cohort role")
        verbose_name_plural = _("cohort roles")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                "organisation", Lower("name"), name="unique_cohort_role_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def names(self) -> list[str]:
        """The name and every other name, as a file may spell them."""
        return [self.name, *(n for n in self.other_names.split(",") if n.strip())]


class CohortQuerySet(models.QuerySet["Cohort"]):
    def visible_to(self, user: Any) -> CohortQuerySet:
        """Cohorts of organisations the user leads (superusers: all)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(
            organisation__roles__user=user,
            organisation__roles__role=OrganisationRole.Role.PROGRAMME_LEAD,
        ).distinct()


class Cohort(models.Model):
    """A group of people (students, teachers, staff) to compose communities from."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="cohorts"
    )
    name = models.CharField(_("name"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="unique_cohort_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def custom_attributes(self) -> list[str]:
        """Names of the custom attribute columns, in the order of first use."""
        names: dict[str, None] = {}
        for custom in self.members.values_list("custom", flat=True):
            names.update(dict.fromkeys(custom))
        return list(names)


class CohortMember(models.Model):
    """One person of a cohort, with the diversity attributes they consented to."""

    class Role(models.TextChoices):
        STUDENT = "student", _("Student")
        TEACHER = "teacher", _("Teacher")
        MANAGER = "manager", _("Manager")
        STAFF = "staff", _("Staff")
        WORK_FIELD = "work_field", _("Work-field partner")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cohort_memberships",
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"),
        max_length=50,
        help_text=_(
            "A standard role (student, teacher, manager, staff, work_field) or the "
            "name of one of the organisation's own roles."
        ),
    )
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), null=True, blank=True
    )
    gender = models.CharField(_("gender"), max_length=50, blank=True)
    education = models.CharField(
        _("educational background"), max_length=100, blank=True
    )
    discipline = models.CharField(_("discipline"), max_length=100, blank=True)
    experience_years = models.FloatField(
        _("work experience (years)"), null=True, blank=True
    )
    custom = models.JSONField(_("custom attributes"), default=dict, blank=True)
    consent = models.BooleanField(_("consent"), default=False)
    consent_date = models.DateField(_("consent given on"), null=True, blank=True)
    consent_scope = models.JSONField(
        _("consented attributes"), default=list, blank=True
    )

    class Meta:
        verbose_name = _("cohort member")
        verbose_name_plural = _("cohort members")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                "cohort", Lower("email"), name="unique_cohort_member_email"
            ),
            models.CheckConstraint(
                condition=Q(consent=True, consent_date__isnull=False)
                | Q(consent=False, consent_date__isnull=True),
                name="cohort_member_consent_has_date",
            ),
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True)
                | Q(birth_year__gte=1900, birth_year__lte=2100),
                name="cohort_member_birth_year_plausible",
            ),
            models.CheckConstraint(
                condition=Q(experience_years__isnull=True)
                | Q(experience_years__gte=0, experience_years__lte=70),
                name="cohort_member_experience_plausible",
            ),
            models.CheckConstraint(
                condition=~Q(role=""), name="cohort_member_role_given"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def role_label(self) -> str:
        return role_label(self.role)

    def age(self, today: date | None = None) -> int | None:
        if self.birth_year is None:
            return None
        return (today or timezone.localdate()).year - self.birth_year

    def attribute_values(self) -> dict[str, Any]:
        """Role and the consented diversity attributes; others are never stored.

        Computed once per instance (pages call it for every person and attribute).
        """
        cached: dict[str, Any] | None = self.__dict__.get("_attribute_values")
        if cached is not None:
            return cached
        values: dict[str, Any] = {
            "role": self.role,
            "age": self.age(),
            "gender": self.gender or None,
            "education": self.education or None,
            "discipline": self.discipline or None,
            "experience": self.experience_years,
        }
        values.update(self.custom)
        self.__dict__["_attribute_values"] = values
        return values

    def erase_diversity_data(self) -> None:
        """Forget every diversity attribute and the consent (the person stays)."""
        self.__dict__.pop("_attribute_values", None)
        self.birth_year = None
        self.experience_years = None
        self.gender = self.education = self.discipline = ""
        self.custom = {}
        self.consent = False
        self.consent_date = None
        self.consent_scope = []
        self.save()

    @property
    def has_diversity_data(self) -> bool:
        return bool(
            self.birth_year is not None
            or self.experience_years is not None
            or self.gender
            or self.education
            or self.discipline
            or self.custom
        )


class CohortRule(models.Model):
    """A hard rule for composing: must be together, must be apart, or a minimum."""

    class Kind(models.TextChoices):
        MUST_LINK = "must_link", _("Must be together")
        CANNOT_LINK = "cannot_link", _("Must be apart")
        MINIMUM = "minimum", _("Minimum per community")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    members = models.ManyToManyField(CohortMember, blank=True, related_name="rules")
    attribute = models.CharField(_("attribute"), max_length=100, blank=True)
    value = models.CharField(_("value"), max_length=100, blank=True)
    minimum = models.PositiveSmallIntegerField(_("minimum"), null=True, blank=True)

    class Meta:
        verbose_name = _("composition rule")
        verbose_name_plural = _("composition rules")
        ordering = ["kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="minimum") | Q(minimum__gte=1),
                name="cohort_rule_minimum_at_least_one",
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class CohortCoach(models.Model):
    """A coach available for the communities composed from this cohort."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="coaches")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    experienced = models.BooleanField(_("experienced coach"), default=True)
    capacity = models.PositiveSmallIntegerField(_("number of communities"), default=1)
    conflicts = models.ManyToManyField(
        CohortMember,
        blank=True,
        related_name="coach_conflicts",
        verbose_name=_("must not coach"),
    )

    class Meta:
        verbose_name = _("coach")
        verbose_name_plural = _("coaches")
        ordering = ["-experienced", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                "cohort", Lower("email"), name="unique_cohort_coach_email"
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=20),
                name="cohort_coach_capacity_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Proposal(models.Model):
    """A proposed composition of a cohort into communities, editable until accepted."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACCEPTED = "accepted", _("Accepted")

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="proposals"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    settings = models.JSONField(default=dict)
    """Attributes and weights, max size, seed and earlier communities used."""
    groups = models.JSONField(default=list)
    """Member ids per community."""
    coaches = models.JSONField(default=list)
    """Coach ids per community (first coach first)."""
    objective = models.FloatField(default=0.0)
    random_mean = models.FloatField(default=0.0)
    random_sd = models.FloatField(default=0.0)
    repeated_pairs = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0.0)
    version = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=16, choices=Status, default=Status.DRAFT)
    accepted_at = models.DateTimeField(null=True, blank=True)
    communities = models.ManyToManyField(Community, blank=True, related_name="+")

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft", accepted_at__isnull=True)
                | Q(status="accepted", accepted_at__isnull=False),
                name="proposal_accepted_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.cohort} #{self.pk}"

    @property
    def z_score(self) -> float | None:
        """Diversity against random balanced groupings, in standard deviations."""
        if self.random_sd <= 0:
            return None
        return (self.objective - self.random_mean) / self.random_sd

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT
