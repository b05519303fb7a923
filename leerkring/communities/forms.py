from typing import Any, cast

from django import forms
from django.db.models.utils import get_blank_choice_label
from django.utils.translation import gettext_lazy as _

from leerkring.accounts.models import Language
from leerkring.core.forms import SeenVersionForm
from leerkring.core.widgets import RadioSelect

from . import variants
from .models import Community, Membership, Variant
from .variants import MAX_SESSIONS, MAX_WEEKS, MIN_SESSIONS, MIN_WEEKS


class InviteForm(forms.Form):
    display_name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role, initial=Membership.Role.PARTICIPANT
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"), choices=Language, initial=Language.DUTCH
    )


LEAVE = "left"


def reason_field() -> forms.CharField:
    return forms.CharField(
        label=_("Why"),
        max_length=500,
        help_text=_("Everyone concerned sees this, and it is kept in the audit log."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MembershipChangeForm(forms.Form):
    """A new role (which the person must accept when it gives more rights), or
    leaving the community. Nobody sets a membership to active: only accepting the
    invitation does that."""

    change = forms.ChoiceField(label=_("What changes?"))
    reason = reason_field()

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # No change is preselected: the coach picks one deliberately ("— kies —").
        choices: list[tuple[str, Any]] = [("", get_blank_choice_label())]
        if membership.is_active:
            choices += [
                (role, _("Becomes %(role)s") % {"role": label.lower()})
                for role, label in Membership.Role.choices
                if role != membership.role
            ]
            choices.append((LEAVE, _("Leaves the community")))
        else:
            choices.append((LEAVE, _("Withdraw the invitation")))
        field = self.fields["change"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class AskToCoachForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (role, label)
            for role, label in Membership.Role.choices
            if role in Membership.COACHING_ROLES
        ],
        initial=Membership.Role.APPRENTICE_COACH,
    )
    reason = reason_field()


class CommunityForm(forms.ModelForm[Community]):
    class Meta:
        model = Community
        fields = ["name", "description", "language"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "language": RadioSelect,
        }

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        taken = Community.objects.filter(
            organisation_id=self.instance.organisation_id, name__iexact=name
        ).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("This organisation already has a community with this name.")
            )
        return name


class CommunityEditForm(SeenVersionForm, CommunityForm):
    """Name, description and language of an existing community."""


OWN = "own:"


class CommunityCreateForm(CommunityForm):
    """A new community: also its variant; the language may come from it."""

    variant = forms.ChoiceField(
        label=_("Variant"),
        widget=RadioSelect,
        required=False,  # left out: the standard leergang
        help_text=_(
            "Presets the number of sessions and weeks, the language, the rows of "
            "Table 1 and the prompts for goals; the coaches can change all of it."
        ),
    )

    field_order = ["name", "variant", "language", "description"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        own = Variant.objects.filter(organisation_id=self.instance.organisation_id)
        variant = cast(forms.ChoiceField, self.fields["variant"])
        variant.choices = [
            *variants.CHOICES,
            *((f"{OWN}{variant.pk}", variant.name) for variant in own),
        ]
        variant.initial = variants.DEFAULT
        language = cast(forms.ChoiceField, self.fields["language"])
        language.required = False
        language.choices = [
            ("", _("As the variant proposes (else Dutch)")),
            *Language.choices,
        ]
        language.initial = ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = data.get("variant", "")
        community = self.instance
        if chosen.startswith(OWN):
            community.own_variant = Variant.objects.get(
                organisation_id=community.organisation_id, pk=chosen.removeprefix(OWN)
            )
            community.variant = community.own_variant.base
        else:
            community.own_variant = None
            community.variant = chosen or variants.DEFAULT
        # Also on the row: a form that leaves the field out keeps the default.
        data["language"] = community.language = (
            data.get("language") or community.preset.language or Language.DUTCH
        )
        return data


class VariantForm(forms.ModelForm[Variant]):
    """An organisation's own variant, made from a built-in one."""

    class Meta:
        model = Variant
        fields = [
            "name",
            "base",
            "sessions",
            "weeks",
            "language",
            "emphasis",
            "goal_prompt",
        ]
        widgets = {
            "emphasis": forms.Textarea(attrs={"rows": 2}),
            "goal_prompt": forms.Textarea(attrs={"rows": 2}),
        }

    sessions = forms.IntegerField(
        label=_("Number of sessions"), min_value=MIN_SESSIONS, max_value=MAX_SESSIONS
    )
    weeks = forms.IntegerField(
        label=_("Over how many weeks"), min_value=MIN_WEEKS, max_value=MAX_WEEKS
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].help_text = _(
            "Left empty: as the variant it is made from."
        )

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        taken = Variant.objects.filter(
            organisation_id=self.instance.organisation_id, name__iexact=name
        ).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("This organisation already has a variant with this name.")
            )
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        sessions, weeks = data.get("sessions"), data.get("weeks")
        if sessions and weeks:
            problem = variants.fit_problem(sessions, weeks)
            if problem:
                self.add_error("sessions", problem)
        return data
