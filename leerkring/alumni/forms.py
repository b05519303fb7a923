"""The coaching question: three answers and an optional note."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from leerkring.core.forms import SeenVersionForm

from .models import NOTE_MAX_LENGTH, Answer


class CoachingInterestForm(SeenVersionForm):
    answer = forms.ChoiceField(
        label=_("Would you like to coach a new learning community?"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one of the answers."),
            "invalid_choice": _("Choose one of the answers."),
        },
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        help_text=_(
            "For example your experience with coaching or leading groups, and when "
            "you would have time."
        ),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _(
                "Keep the note to %(limit_value)d characters (it has %(show_value)d)."
            )
        },
    )
    version = forms.IntegerField(
        required=False,
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": _("Reload the page and answer again."),
            "min_value": _("Reload the page and answer again."),
        },
    )
