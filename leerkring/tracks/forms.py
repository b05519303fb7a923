"""Forms of the two tracks; they validate, the actions write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import Sharing
from leerkring.core.forms import SeenVersionForm
from leerkring.core.widgets import RadioSelect
from leerkring.meetings.models import Meeting

from .models import SDG, CollectiveTrackVersion, ProgressEntry, QualityPitfall


def _text(label: Any, *, required: bool = True, rows: int = 3, **kw: Any) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kw,
    )


def _sharing() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Who may read this"),
        choices=Sharing,
        initial=Sharing.COACHES,
        widget=forms.RadioSelect,
        help_text=_("You and your coaches can always read it."),
    )


def _required_text(value: str, message: Any) -> str:
    value = value.strip()
    if not value:
        raise forms.ValidationError(message)
    return value


class CollectiveTrackForm(SeenVersionForm):
    ambition = _text(
        CollectiveTrackVersion._meta.get_field("ambition").verbose_name,
        help_text=CollectiveTrackVersion._meta.get_field("ambition").help_text,
        max_length=4000,
    )
    goal = _text(
        CollectiveTrackVersion._meta.get_field("goal").verbose_name,
        required=False,
        help_text=CollectiveTrackVersion._meta.get_field("goal").help_text,
        max_length=4000,
    )
    assignment_do = _text(
        _("This is what we must do"),
        required=False,
        max_length=4000,
    )
    assignment_result = _text(
        _("And this is the concrete result"),
        required=False,
        max_length=4000,
    )
    strategic_goal = _text(
        CollectiveTrackVersion._meta.get_field("strategic_goal").verbose_name,
        required=False,
        rows=2,
        help_text=CollectiveTrackVersion._meta.get_field("strategic_goal").help_text,
        max_length=2000,
    )
    sdgs = forms.TypedMultipleChoiceField(
        label=_("Sustainable Development Goals (optional)"),
        choices=SDG,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "sdg-choices"}),
    )
    note = forms.CharField(
        label=_("Why this change (optional)"), required=False, max_length=300
    )

    def clean_ambition(self) -> str:
        return _required_text(
            self.cleaned_data["ambition"],
            _("Describe the lasting change you want in your organisation's practice."),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        do, result = data.get("assignment_do", ""), data.get("assignment_result", "")
        if bool(do.strip()) != bool(result.strip()):
            message = _(
                "The assignment has two halves: what we must do and the concrete "
                "result. Fill in both, or neither."
            )
            self.add_error(
                "assignment_do" if not do.strip() else "assignment_result", message
            )
        return data

    @staticmethod
    def initial_from(
        version: CollectiveTrackVersion | None, number: int
    ) -> dict[str, Any]:
        if version is None:
            return {"version": number}
        return {
            "version": number,
            **{name: getattr(version, name) for name in CollectiveTrackVersion.FIELDS},
            "sdgs": version.sdgs,
        }


class ProgressEntryForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=ProgressEntry.Kind,
        initial=ProgressEntry.Kind.SUCCESS,
        widget=forms.RadioSelect,
    )
    text = _text(_("What happened?"), rows=3, max_length=4000)
    meeting = forms.ModelChoiceField(
        label=_("Session"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("Between sessions"),
    )
    happened_on = forms.DateField(
        label=_("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty for today, or the session's date."),
    )

    def __init__(self, *args: Any, period: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if period is not None:
            field: Any = self.fields["meeting"]
            field.queryset = Meeting.objects.filter(period=period)
        self._period = period

    def clean_text(self) -> str:
        return _required_text(self.cleaned_data["text"], _("Write what happened."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day = data.get("happened_on")
        period = self._period
        if day and period and not period.start_date <= day <= period.end_date:
            self.add_error(
                "happened_on",
                _("Choose a date within the learning period (%(start)s – %(end)s).")
                % {"start": period.start_date, "end": period.end_date},
            )
        return data


class LearningQuestionForm(SeenVersionForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Several forms share one page: unique ids keep every label on its field.
        kwargs.setdefault("auto_id", "question_%s")
        super().__init__(*args, **kwargs)

    text = _text(
        _("My learning question"),
        rows=3,
        max_length=1000,
        help_text=_(
            "What do you want to learn in this period? Start with “How can I …”."
        ),
    )
    note = forms.CharField(
        label=_("Why it changed (optional)"), required=False, max_length=500
    )
    sharing = _sharing()

    def clean_text(self) -> str:
        return _required_text(
            self.cleaned_data["text"], _("Write your learning question.")
        )


class QualityForm(forms.ModelForm[QualityPitfall]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Several forms share one page: unique ids keep every label on its field.
        kwargs.setdefault("auto_id", "quality_%s")
        super().__init__(*args, **kwargs)

    class Meta:
        model = QualityPitfall
        fields = ["quality", "pitfall", "challenge", "allergy", "sharing"]
        widgets = {"sharing": RadioSelect}
        labels = {"sharing": _("Who may read this")}

    def clean_quality(self) -> str:
        return _required_text(
            self.cleaned_data["quality"], _("Name the quality you bring.")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("allergy") and not data.get("challenge"):
            self.add_error(
                "challenge",
                _("An allergy belongs to a challenge: name the challenge too."),
            )
        if data.get("challenge") and not data.get("pitfall"):
            self.add_error(
                "pitfall",
                _("A challenge is the opposite of a pitfall: name the pitfall too."),
            )
        return data


class MissionForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Several forms share one page: unique ids keep every label on its field.
        kwargs.setdefault("auto_id", "mission_%s")
        super().__init__(*args, **kwargs)

    mission = _text(
        _("My personal mission or ambition"),
        rows=3,
        required=False,
        max_length=2000,
        help_text=_("What you want to contribute to, further than this period."),
    )
    sharing = _sharing()


class NameConsentForm(forms.Form):
    keep_name = forms.BooleanField(
        label=_(
            "If I leave, the shared history (collective track, progress, shared "
            "assignments) may keep my name."
        ),
        required=False,
    )
