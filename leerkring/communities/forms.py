from typing import Any

from django import forms
from django.db.models.utils import get_blank_choice_label
from django.utils.translation import gettext_lazy as _

from leerkring.accounts.models import Language
from leerkring.core.forms import SeenVersionForm
from leerkring.core.widgets import RadioSelect

from .models import Community, Membership


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
