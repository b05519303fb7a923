from django import forms
from django.utils.translation import gettext_lazy as _

from leerkring.accounts.models import Language

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


class MembershipForm(forms.ModelForm[Membership]):
    class Meta:
        model = Membership
        fields = ["role", "status"]


class CommunityForm(forms.ModelForm[Community]):
    class Meta:
        model = Community
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

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
