from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Platform


class PlatformForm(forms.ModelForm[Platform]):
    """A platform entered by hand (for an LMS without dynamic registration)."""

    deployment_id = forms.CharField(label=_("Deployment ID"), max_length=200)

    class Meta:
        model = Platform
        fields = ["name", "issuer", "client_id", "login_url", "token_url", "jwks_url"]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        exists = Platform.objects.filter(
            issuer=data.get("issuer"), client_id=data.get("client_id")
        ).exists()
        if exists:
            raise forms.ValidationError(
                _("This issuer and client ID are already connected.")
            )
        return data
