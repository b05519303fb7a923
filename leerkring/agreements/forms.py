"""Forms: each carries the version it was opened at (optimistic concurrency,
``SeenVersionForm``)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import LearningPeriod
from leerkring.core.forms import SeenVersionForm
from leerkring.core.widgets import RadioSelect

from .models import (
    MAX_ENTRY_MINUTES,
    SECTIONS,
    ExternalValidation,
    GoOn,
    Reached,
    Staying,
    TimeEntry,
    TimeKind,
)

MAX_TEXT = 4000
SATISFACTION_CHOICES = [
    (1, _("1 — not satisfied")),
    (2, _("2")),
    (3, _("3")),
    (4, _("4")),
    (5, _("5 — very satisfied")),
]
SECTION_HELP = {
    "duration": _("Start, end and the fixed landing of the period."),
    "frequency": _("How often and when the sessions take place."),
    "goals": _("What we want to reach together and each for ourselves."),
    "attendance": _("Being there, and what we do when someone cannot come."),
    "effort": _("About 50 hours per participant, preparation included."),
    "conduct": _("Safety, listening, speaking to each other."),
    "confidentiality": _("What stays in the group and what we may share."),
    "other": _("Anything else the group agrees on."),
}


def _text_field(
    label: Any, *, required: bool, rows: int = 3, help_text: Any = ""
) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class AgreementsForm(SeenVersionForm):
    """One text per section of the agreements, plus a note on what changed."""

    change_note = forms.CharField(
        label=_("What changed and why (optional)"), max_length=300, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        note = self.fields.pop("change_note")
        for name, label in SECTIONS:
            self.fields[name] = _text_field(
                label, required=False, help_text=SECTION_HELP[name]
            )
        self.fields["change_note"] = note

    def sections(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name, _label in SECTIONS}


class ConfirmForm(forms.Form):
    version = forms.IntegerField(min_value=1)


def _criteria_field() -> Any:
    return _text_field(
        _("Success criteria"),
        required=True,
        rows=4,
        help_text=_(
            "When are we satisfied afterwards? Say what you will be able to see, "
            "count or hear once the goal is reached."
        ),
    )


class CollectiveGoalForm(SeenVersionForm):
    text = _text_field(_("Goal"), required=True, rows=5)
    criteria = _criteria_field()


class PersonalGoalForm(SeenVersionForm):
    text = _text_field(
        _("What I want to reach, professionally and personally"),
        required=True,
        rows=5,
    )
    criteria = _criteria_field()
    shared = forms.BooleanField(
        label=_("Share with the other participants"),
        required=False,
        help_text=_(
            "Without sharing, only you and the coaches read this goal. You can "
            "change this at any time."
        ),
    )


class EvaluationForm(SeenVersionForm):
    """What was reached, satisfaction, evidence, external validation and yield."""

    reached = forms.ChoiceField(
        label=_("Was the goal reached?"), choices=Reached, widget=forms.RadioSelect
    )
    satisfaction = forms.TypedChoiceField(
        label=_("How satisfied are you with the result?"),
        choices=SATISFACTION_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    evidence = _text_field(_("Evidence: what shows it"), required=False)
    validated_by = forms.CharField(
        label=_("Externally validated by (who)"),
        max_length=200,
        required=False,
        help_text=_("For example a manager, a student panel or an examination board."),
    )
    validation = _text_field(
        _("What they validated, and their finding"), required=False
    )
    learned = _text_field(_("Learning yield: what was learned"), required=False, rows=5)

    def __init__(
        self, *args: Any, require_learned: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["learned"].required = require_learned

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("validated_by") and not data.get("validation"):
            self.add_error(
                "validation", _("Say what was validated and what they found.")
            )
        if data.get("validation") and not data.get("validated_by"):
            self.add_error("validated_by", _("Say who validated it."))
        return data


# Intake and preparation happen before the period; they count too.
EARLIEST_BEFORE_START = timedelta(weeks=8)


class TimeEntryForm(forms.ModelForm[TimeEntry]):
    class Meta:
        model = TimeEntry
        fields = ["date", "minutes", "kind", "note"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    kind = forms.ChoiceField(label=_("Kind"), choices=TimeKind.choices)
    minutes = forms.IntegerField(
        label=_("Minutes"),
        min_value=1,
        max_value=MAX_ENTRY_MINUTES,
        help_text=_("For example 90 for an hour and a half; at most 12 hours."),
    )

    def __init__(self, *args: Any, period: LearningPeriod, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.period = period

    def clean_date(self) -> date:
        day: date = self.cleaned_data["date"]
        earliest = self.period.start_date - EARLIEST_BEFORE_START
        if day > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."))
        if not earliest <= day <= self.period.end_date:
            raise forms.ValidationError(
                _(
                    "Choose a date in the learning period (%(start)s – %(end)s); "
                    "intake and preparation up to eight weeks before the start "
                    "count too."
                )
                % {
                    "start": date_format(self.period.start_date, "SHORT_DATE_FORMAT"),
                    "end": date_format(self.period.end_date, "SHORT_DATE_FORMAT"),
                }
            )
        return day


class ValidationInviteForm(forms.Form):
    """Whom to invite to judge a collective goal, and what they may read."""

    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("As"),
        choices=ExternalValidation.Role,
        widget=RadioSelect,
        initial=ExternalValidation.Role.ASSESSOR,
    )
    show_result = forms.BooleanField(
        label=_("Show what was reached and the evidence"), required=False, initial=True
    )
    show_yield = forms.BooleanField(label=_("Show the learning yield"), required=False)


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Your verdict"), choices=ExternalValidation.Verdict, widget=RadioSelect
    )
    comment = _text_field(_("Your comment"), required=True, rows=5)


class GoOnForm(forms.Form):
    """The community's decision at the harvest."""

    choice = forms.ChoiceField(
        label=_("Our decision"), choices=GoOn.choices, widget=forms.RadioSelect
    )


class StayingForm(forms.Form):
    """One member's own word about the next period."""

    choice = forms.ChoiceField(
        label=_("The next period, for me"),
        choices=Staying.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "If you leave, you keep all your own data; what you added to the "
            "shared history stays with the community."
        ),
    )
