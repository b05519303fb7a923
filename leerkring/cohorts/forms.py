"""Forms for uploading a cohort, composing, rules, coaches, moves and accepting."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms
from django.core import signing
from django.db.models import Exists, OuterRef, Q
from django.db.models.utils import get_blank_choice_label
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerkring.accounts.models import User
from leerkring.alumni.models import Answer, CoachingInterest
from leerkring.communities.models import Community, Membership, Organisation

from .composing import Attribute
from .models import Cohort, CohortMember, CohortRole, CohortRule
from .upload import Consent, Reading, normalise, role_names

PAYLOAD_SALT = "leerkring.cohorts.upload"
PAYLOAD_MAX_AGE = 60 * 60  # the preview is valid for an hour
WEIGHTS = [
    (1, _("1 – normal")),
    (2, _("2 – twice as much")),
    (3, _("3 – three times as much")),
    (4, _("4 – four times as much")),
    (5, _("5 – five times as much")),
]


def sign_rows(
    rows: list[dict[str, Any]],
    *,
    user_id: int,
    organisation_id: int,
    skipped: int = 0,
    consent: str = Consent.COLUMN,
) -> str:
    """The checked rows, signed for the confirm step (nothing is stored before);
    ``skipped`` lines with problems are left out and must be confirmed; ``consent``
    is the lead's answer to the consent question (audited when saved)."""
    return signing.dumps(
        {
            "u": user_id,
            "o": organisation_id,
            "rows": rows,
            "skipped": skipped,
            "consent": consent,
        },
        salt=PAYLOAD_SALT,
        compress=True,
    )


class CohortNameMixin(forms.Form):
    name = forms.CharField(label=_("Name of the cohort"), max_length=200)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if Cohort.objects.filter(organisation=self.organisation, name=name).exists():
            raise forms.ValidationError(
                _("There is already a cohort with this name."), code="taken"
            )
        return name


class UploadForm(CohortNameMixin):
    file = forms.FileField(
        label=_("File (CSV or Excel .xlsx)"),
        help_text=_("At most 2,000 people and 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )
    consent = forms.ChoiceField(
        label=_("Did these people consent to the use of their diversity data?"),
        choices=[
            (Consent.COLUMN, _("Per person: the file has a consent column")),
            (
                Consent.EVERYONE,
                _(
                    "Yes, everyone in this file consented (for example on the sign-up "
                    "form), to composing communities with these attributes"
                ),
            ),
            (
                Consent.NOBODY,
                _(
                    "No, or I don't know: keep only name, e-mail and role "
                    "(communities are then composed by role only)"
                ),
            ),
        ],
        widget=forms.RadioSelect,
        help_text=_(
            "Diversity data (age, gender, background, discipline, experience and "
            "your own columns) are personal data: they are stored only with consent."
        ),
    )
    consent_date = forms.DateField(
        label=_("Consent given on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("When everyone consented; leave empty for today."),
    )

    def clean_consent_date(self) -> date | None:
        given: date | None = self.cleaned_data["consent_date"]
        if given is not None and given > timezone.localdate():
            raise forms.ValidationError(
                _("The consent date lies in the future."), code="future"
            )
        return given

    def reading(self, organisation: Organisation) -> Reading:
        data = self.cleaned_data
        return Reading(
            today=timezone.localdate(),
            roles=role_names(organisation.cohort_roles.all()),
            consent=data["consent"],
            consent_date=data["consent_date"],
        )


class ConfirmForm(CohortNameMixin):
    payload = forms.CharField(widget=forms.HiddenInput)
    """Lines with problems are left out only by the button that says so
    (``skip_bad``), which names how many."""

    def __init__(self, *args: Any, user_id: int, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "confirm_%s")  # next to the upload form's ids
        super().__init__(*args, **kwargs)
        # The name was chosen on the upload form; the preview repeats it as text.
        self.fields["name"].widget = forms.HiddenInput()
        self.user_id = user_id

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        payload = data.get("payload") or {}
        if payload.get("skipped") and self.data.get("skip_bad") != "1":
            raise forms.ValidationError(
                _("Confirm that the lines with problems are left out."),
                code="skip_bad",
            )
        return data

    def clean_payload(self) -> dict[str, Any]:
        try:
            data = signing.loads(
                self.cleaned_data["payload"], salt=PAYLOAD_SALT, max_age=PAYLOAD_MAX_AGE
            )
        except signing.BadSignature as error:
            raise forms.ValidationError(
                _("The preview has expired. Upload the file again."), code="expired"
            ) from error
        if data.get("u") != self.user_id or data.get("o") != self.organisation.pk:
            raise forms.ValidationError(
                _("The preview has expired. Upload the file again."), code="expired"
            )
        return {
            "rows": data["rows"],
            "skipped": data.get("skipped", 0),
            "consent": data.get("consent", Consent.COLUMN),
        }


class ComposeForm(forms.Form):
    """Which attributes count and how much; size, seed and earlier communities."""

    max_group_size = forms.IntegerField(
        label=_("Largest community"),
        min_value=2,
        max_value=12,
        initial=12,
        help_text=_("At most 12 participants; sizes differ by at most one."),
    )
    seed = forms.IntegerField(
        label=_("Variant"),
        min_value=0,
        max_value=999_999,
        initial=0,
        help_text=_(
            "There are many equally good ways to divide a cohort. Each number gives "
            "one of them, and the same number with the same settings always gives "
            "the same proposal, numbered the same way."
        ),
    )
    previous = forms.ModelMultipleChoiceField(
        label=_("Earlier communities (a new composition)"),
        queryset=Community.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "People who were together in these communities are kept apart where "
            "possible."
        ),
    )

    def __init__(
        self, *args: Any, cohort: Cohort, attributes: list[Attribute], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.attributes = attributes
        cast(
            forms.ModelMultipleChoiceField, self.fields["previous"]
        ).queryset = Community.objects.filter(organisation_id=cohort.organisation_id)
        for attribute in attributes:
            # The lead's own columns count only when ticked: a column such as
            # "remarks" or "phone" in a file must not steer the composition.
            self.fields[f"use_{attribute.name}"] = forms.BooleanField(
                label=attribute.label, required=False, initial=not attribute.own
            )
            self.fields[f"weight_{attribute.name}"] = forms.TypedChoiceField(
                label=_("Weight of %(attribute)s") % {"attribute": attribute.label},
                choices=WEIGHTS,
                coerce=int,
                initial=1,
                required=False,
            )

    @property
    def has_own_columns(self) -> bool:
        return any(a.own for a in self.attributes)

    def attribute_rows(self) -> list[tuple[Attribute, Any, Any]]:
        return [
            (a, self[f"use_{a.name}"], self[f"weight_{a.name}"])
            for a in self.attributes
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.attributes and not any(
            data.get(f"use_{a.name}") for a in self.attributes
        ):
            raise forms.ValidationError(
                _("Choose at least one attribute that counts."), code="no_attribute"
            )
        return data

    def settings(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "weights": {
                a.name: data[f"weight_{a.name}"] or 1
                for a in self.attributes
                if data.get(f"use_{a.name}")
            },
            "max_group_size": data["max_group_size"],
            "seed": data["seed"],
            "previous": sorted(c.pk for c in data["previous"]),
        }


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.role_label}, {obj.email})"


class RuleForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Rule"), choices=CohortRule.Kind.choices, widget=forms.RadioSelect
    )
    members = MemberChoiceField(
        label=_("People"),
        queryset=CohortMember.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "For together or apart: choose two or more (Ctrl or Cmd + click, or "
            "Shift + arrow keys)."
        ),
    )
    category = forms.ChoiceField(
        label=_("For a minimum: who counts"), required=False, choices=()
    )
    minimum = forms.IntegerField(
        label=_("At least this many per community"),
        min_value=1,
        max_value=6,
        initial=1,
        required=False,
    )

    def __init__(
        self, *args: Any, cohort: Cohort, categories: list[tuple[str, str]], **kw: Any
    ) -> None:
        kw.setdefault("prefix", "rule")
        super().__init__(*args, **kw)
        cast(MemberChoiceField, self.fields["members"]).queryset = cohort.members.all()
        cast(forms.ChoiceField, self.fields["category"]).choices = [
            ("", get_blank_choice_label()),
            *categories,
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind in (CohortRule.Kind.MUST_LINK, CohortRule.Kind.CANNOT_LINK):
            if len(data.get("members") or []) < 2:
                self.add_error("members", _("Choose at least two people."))
        elif kind == CohortRule.Kind.MINIMUM:
            if not data.get("category"):
                self.add_error("category", _("Choose who counts for the minimum."))
            if not data.get("minimum"):
                self.add_error("minimum", _("Give the minimum per community."))
        return data

    def rule_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        if data["kind"] == CohortRule.Kind.MINIMUM:
            attribute, _sep, value = data["category"].partition("=")
            return {
                "kind": data["kind"],
                "attribute": attribute,
                "value": value,
                "minimum": data["minimum"],
            }
        return {"kind": data["kind"], "members": list(data["members"])}


class CoachChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        if getattr(obj, "wants_to_coach", False):
            return str(
                _("%(name)s (%(email)s) — alumnus who would like to coach")
                % {"name": obj.display_name, "email": obj.email}
            )
        return f"{obj.display_name} ({obj.email})"


class CoachForm(forms.Form):
    existing = CoachChoiceField(
        label=_("A coach of this organisation, or an alumnus who would like to coach"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Or enter a new coach's name and e-mail address below."),
    )
    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    experienced = forms.TypedChoiceField(
        label=_("Experience"),
        choices=[("1", _("Experienced coach")), ("0", _("Apprentice coach"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    capacity = forms.IntegerField(
        label=_("Number of communities"), min_value=1, max_value=20, initial=1
    )
    conflicts = MemberChoiceField(
        label=_("Must not coach (own manager or team members)"),
        queryset=CohortMember.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args: Any, cohort: Cohort, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "coach")
        super().__init__(*args, **kwargs)
        self.cohort = cohort
        cast(
            MemberChoiceField, self.fields["conflicts"]
        ).queryset = cohort.members.all()
        # The organisation's coaches, and its alumni who said they would like to
        # coach a new community (as apprentice coach, next to an experienced one).
        alumni = CoachingInterest.objects.in_organisation(
            cohort.organisation_id
        ).filter(answer=Answer.YES, membership__user=OuterRef("pk"))
        coaching = Membership.objects.filter(
            user=OuterRef("pk"),
            role__in=Membership.COACHING_ROLES,
            community__organisation_id=cohort.organisation_id,
        )
        field = cast(forms.ModelChoiceField, self.fields["existing"])
        field.queryset = (
            User.objects.annotate(wants_to_coach=Exists(alumni))
            .filter(Q(Exists(coaching)) | Q(wants_to_coach=True))
            .order_by("display_name", "pk")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        existing = data.get("existing")
        if existing is not None:
            data["name"] = existing.display_name
            data["email"] = existing.email
        if not data.get("name") or not data.get("email"):
            raise forms.ValidationError(
                _("Choose a coach of this organisation or enter a name and e-mail."),
                code="no_coach",
            )
        email = data["email"].lower()
        if self.cohort.coaches.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("This coach is already listed."))
        if self.cohort.members.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("This person is in the cohort as a participant.")
            )
        return data


class MoveForm(forms.Form):
    member = forms.TypedChoiceField(label=_("Person"), coerce=int, choices=())
    to_group = forms.TypedChoiceField(
        label=_("Move to"), coerce=int, choices=(), required=False, empty_value=None
    )
    swap_with = forms.TypedChoiceField(
        label=_("Swap with"), coerce=int, choices=(), required=False, empty_value=None
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        groups: list[list[int]],
        names: dict[int, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        people = [
            (
                _("Community %(number)s") % {"number": k},
                [
                    (i, names.get(i, "?"))
                    for i in sorted(g, key=lambda i: names.get(i, ""))
                ],
            )
            for k, g in enumerate(groups, start=1)
        ]
        cast(forms.ChoiceField, self.fields["member"]).choices = people
        cast(forms.ChoiceField, self.fields["swap_with"]).choices = [
            ("", get_blank_choice_label()),
            *people,
        ]
        cast(forms.ChoiceField, self.fields["to_group"]).choices = [
            ("", get_blank_choice_label())
        ] + [
            (k, _("Community %(number)s") % {"number": k + 1})
            for k in range(len(groups))
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.data.get("action") == "swap":
            data["to_group"] = None
            if data.get("swap_with") in (None, ""):
                self.add_error("swap_with", _("Choose a person to swap with."))
        else:
            data["swap_with"] = None
            if data.get("to_group") in (None, ""):
                self.add_error("to_group", _("Choose a community to move to."))
        return data


class AcceptForm(forms.Form):
    name_prefix = forms.CharField(
        label=_("Names of the communities"),
        max_length=180,
        help_text=_("They are numbered: “Honours 2027 1”, “Honours 2027 2”, …"),
    )
    start_date = forms.DateField(
        label=_("Start of the leergang (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    """Set by the confirmation page, which names everyone who will be invited."""


class RoleForm(forms.ModelForm):
    """A role of the organisation's own; a standard role's name is taken."""

    class Meta:
        model = CohortRole
        fields = ["name", "other_names"]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "role")
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        taken = role_names(self.organisation.cohort_roles.all())
        names = [data.get("name", ""), *data.get("other_names", "").split(",")]
        for name in names:
            if name.strip() and normalise(name) in taken:
                raise forms.ValidationError(
                    _("%(name)s is already a role.") % {"name": name.strip()},
                    code="taken",
                )
        return data
