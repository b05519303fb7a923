from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from leerkring.accounts.models import User
from leerkring.communities.models import Community

from .models import ApiToken

LIFETIMES = [(30, _("30 days")), (90, _("90 days")), (365, _("one year"))]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “agenda script”."),
    )
    scope = forms.ChoiceField(
        label=_("May"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
    )
    communities = forms.ModelMultipleChoiceField(
        label=_("Communities"),
        queryset=Community.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: all your communities, also future ones."),
    )
    days = forms.TypedChoiceField(
        label=_("Valid for"), choices=LIFETIMES, coerce=int, initial=90
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["communities"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Community.objects.visible_to(user).order_by("name")

    def clean_days(self) -> int:
        days: int = self.cleaned_data["days"]
        return min(days, settings.API_TOKEN_MAX_DAYS)
