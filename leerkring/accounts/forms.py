from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import Language, User


class LoginForm(AuthenticationForm):
    """E-mail login; one message for every failure, so nothing is enumerated."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "This e-mail address and password do not match an account. "
            "Check both and try again."
        ),
        "inactive": _(
            "This e-mail address and password do not match an account. "
            "Check both and try again."
        ),
    }

    def clean(self) -> dict[str, Any]:
        from leerkring.identity.policy import password_refusal

        if refusal := password_refusal(self.cleaned_data.get("username") or ""):
            raise forms.ValidationError(refusal, code="sso_only")
        return super().clean()


class EmailRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=Language)
    next = forms.CharField(required=False)


class AccountCreationForm(forms.ModelForm[User]):
    """Creates the account of someone accepting an invitation."""

    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )

    class Meta:
        model = User
        fields = ["display_name", "preferred_language"]

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        password_validation.validate_password(password, self.instance)
        return password

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=False)
        user.set_password(self.cleaned_data["password"])
        if commit:
            user.save()
        return user


class ProfileForm(forms.ModelForm[User]):
    class Meta:
        model = User
        fields = ["display_name", "preferred_language"]


class DeleteAccountForm(forms.Form):
    """Deleting is final, so the password is asked once more — or, for someone
    who signs in only through their institution (no password), their address."""

    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            self.fields["password"] = forms.EmailField(
                label=_("Type your e-mail address to confirm"),
                widget=forms.EmailInput(attrs={"autocomplete": "off"}),
            )

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.has_usable_password():
            if password.strip().lower() != self.user.email.lower():
                raise forms.ValidationError(_("This is not your e-mail address."))
        elif not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password
