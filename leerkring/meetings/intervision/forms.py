"""Forms of intervision: a case, the format, the advice, the take-away."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import formats
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import Sharing
from leerkring.core.forms import SeenVersionForm
from leerkring.core.widgets import RadioSelect
from leerkring.tracks.models import LearningQuestion

from ..models import AgendaItem
from .formats import FORMATS, Format
from .models import IntervisionCase


class _MeetingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} — {formats.date_format(obj.date, 'j F Y')}"


class _QuestionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.personal_track.period}: {obj}"


class _CaseChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        question = Truncator(obj.question).chars(60)
        return f"{obj.membership.user.display_name}: {question}"


class CaseForm(forms.Form):
    question = forms.CharField(
        label=_("Your question"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("What do you want the group to think along about?"),
    )
    context = forms.CharField(
        label=_("Short context"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
        help_text=_(
            "The situation in a few sentences; the members of this "
            "community read it, nobody else."
        ),
    )
    learning_question = _QuestionChoice(
        label=_("Linked to your learning question"),
        queryset=LearningQuestion.objects.none(),
        required=False,
    )

    def __init__(
        self, *args: Any, questions: Any, meetings: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["learning_question"].queryset = questions  # type: ignore[attr-defined]
        if meetings is not None:
            self.fields["meeting"] = _MeetingChoice(
                label=_("Session"), queryset=meetings
            )
            self.order_fields(["meeting"])


class CaseEditForm(SeenVersionForm, CaseForm):
    pass


class FormatForm(SeenVersionForm):
    item = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=AgendaItem.objects.none()
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=Format.choices, widget=RadioSelect
    )
    case = _CaseChoice(
        label=_("Case"), queryset=IntervisionCase.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, items: list[AgendaItem], cases: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        item_field = self.fields["item"]
        item_field.queryset = AgendaItem.objects.filter(  # type: ignore[attr-defined]
            pk__in=[item.pk for item in items]
        )
        if len(items) == 1:
            item_field.widget = forms.HiddenInput()
            self.initial.setdefault("item", items[0].pk)
        self.fields["case"].queryset = cases.select_related(  # type: ignore[attr-defined]
            "membership__user"
        )
        self.formats = [FORMATS[key] for key in Format.values]


class AdviceForm(SeenVersionForm):
    advice = forms.CharField(
        label=_("The group's advice"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=6000,
        required=False,
        help_text=_("Kept with the case; every member of the community reads it."),
    )


class TakeawayForm(SeenVersionForm):
    takeaway = forms.CharField(
        label=_("What you take along"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )
    sharing = forms.ChoiceField(
        label=_("Who may read this"),
        choices=[("", _("Only me")), *Sharing.choices],
        required=False,
        # Django's own: "only me" is the empty choice, and must stay a choice.
        widget=forms.RadioSelect,
        initial="",
    )
