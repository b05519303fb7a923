"""Forms for formulating and reporting on integration assignments."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import Sharing
from leerkring.core.widgets import RadioSelect

from .models import AssignmentReport


def _text(label: Any, *, required: bool = True, rows: int = 3, **kw: Any) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kw,
    )


def _not_blank(value: str, message: Any) -> str:
    if not value.strip():
        raise forms.ValidationError(message)
    return value.strip()


class AssignmentForm(forms.Form):
    what = _text(
        _("What will you do?"),
        max_length=2000,
        help_text=_("Concrete and challenging: something that widens your repertoire."),
    )
    practice_situation = _text(
        _("In which practice situation?"), rows=2, max_length=2000
    )
    link_question = forms.BooleanField(
        label=_("Linked to my learning question"), required=False
    )
    serves_collective_goal = forms.BooleanField(
        label=_("Serves our collective goal"), required=False
    )
    due_date = forms.DateField(
        label=_("Due"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("By default the date of the next session, where you report on it."),
    )
    sharing = forms.ChoiceField(
        label=_("Who may read this"),
        choices=Sharing,
        initial=Sharing.COACHES,
        widget=forms.RadioSelect,
        help_text=_("You and your coaches can always read it."),
    )
    for_group = forms.BooleanField(
        label=_("A shared assignment for the whole group"),
        required=False,
        help_text=_("Every participant reports on it; the community reads it."),
    )

    def __init__(self, *args: Any, can_own: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_own:  # coaches formulate only shared assignments
            for name in ("link_question", "sharing", "for_group"):
                del self.fields[name]
        self.can_own = can_own

    def clean_what(self) -> str:
        return _not_blank(self.cleaned_data["what"], _("Write what you will do."))

    def clean_practice_situation(self) -> str:
        return _not_blank(
            self.cleaned_data["practice_situation"],
            _("Name the situation in your own practice where you will do it."),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.can_own:
            data["for_group"] = True
            data["sharing"] = Sharing.COMMUNITY
        return data


class ReportForm(forms.ModelForm[AssignmentReport]):
    class Meta:
        model = AssignmentReport
        fields = ["did", "happened", "learned", "status", "sharing"]
        widgets = {
            "did": forms.Textarea(attrs={"rows": 3}),
            "happened": forms.Textarea(attrs={"rows": 3}),
            "learned": forms.Textarea(attrs={"rows": 3}),
            "status": RadioSelect,
            "sharing": RadioSelect,
        }
        labels = {"sharing": _("Who may read this report")}
        help_texts = {
            "sharing": _(
                "Sharing the report of your own assignment with the community "
                "shares the assignment too."
            )
        }

    def clean_did(self) -> str:
        return _not_blank(self.cleaned_data["did"], _("Write what you did."))
