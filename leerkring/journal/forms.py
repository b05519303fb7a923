"""Forms of the journal; every message appears next to its field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from leerkring.assignments.models import IntegrationAssignment
from leerkring.communities.models import Community
from leerkring.core.forms import SeenVersionForm
from leerkring.meetings.models import Meeting
from leerkring.tracks.models import LearningQuestion

from .models import MAX_BODY_CHARS, CoachFeedback, Comment, JournalSetting, Visibility


class MeetingChoiceField(forms.ModelChoiceField[Meeting]):
    def label_from_instance(self, obj: Meeting) -> str:
        return str(
            _("Session %(number)s — %(date)s")
            % {"number": obj.number, "date": obj.date.strftime("%d-%m-%Y")}
        )


class AssignmentChoiceField(forms.ModelChoiceField[IntegrationAssignment]):
    def label_from_instance(self, obj: IntegrationAssignment) -> str:
        what = obj.what if len(obj.what) <= 80 else obj.what[:79] + "…"
        return str(
            _("%(what)s (due %(date)s)")
            % {"what": what, "date": obj.due_date.strftime("%d-%m-%Y")}
        )


class QuestionChoiceField(forms.ModelChoiceField[LearningQuestion]):
    def label_from_instance(self, obj: LearningQuestion) -> str:
        return str(obj) or str(_("My learning question"))


def writers_assignments(user: Any, community: Community) -> Any:
    """The writer's own integration assignments and the group's, newest first."""
    return (
        IntegrationAssignment.objects.filter(period__community=community)
        .filter(Q(owner=user) | Q(owner__isnull=True))
        .order_by("-due_date", "-id")
    )


def writers_questions(user: Any, community: Community) -> Any:
    return LearningQuestion.objects.filter(
        personal_track__owner=user, personal_track__period__community=community
    ).prefetch_related("versions")


def community_meetings(community: Community) -> Any:
    return Meeting.objects.filter(period__community=community).order_by(
        "period__start_date", "number"
    )


class ReflectionForm(SeenVersionForm):
    """Writing or rewriting an entry; ``version`` guards against lost updates."""

    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Your reflection"),
        max_length=MAX_BODY_CHARS,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "You can use **bold**, *italic*, lists (a line starting with - ), "
            "> quotes and links. Your text is saved as a draft while you write."
        ),
    )
    meeting = MeetingChoiceField(
        label=_("About session"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("(no particular session)"),
    )
    assignment = AssignmentChoiceField(
        label=_("About integration assignment"),
        queryset=IntegrationAssignment.objects.none(),
        required=False,
        empty_label=_("(none)"),
    )
    learning_question = QuestionChoiceField(
        label=_("About my learning question"),
        queryset=LearningQuestion.objects.none(),
        required=False,
        empty_label=_("(no)"),
    )
    visibility = forms.ChoiceField(
        label=_("Who can read this"),
        choices=Visibility,
        initial=Visibility.PRIVATE,
        widget=forms.RadioSelect,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, community: Community, writer: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        querysets = {
            "meeting": community_meetings(community),
            "assignment": writers_assignments(writer, community),
            "learning_question": writers_questions(writer, community),
        }
        for name, queryset in querysets.items():
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Give your reflection a title."))
        return title

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError(_("Write something before you save."))
        return body


class DraftForm(forms.Form):
    """What the autosave posts; lenient, it only keeps text safe."""

    title = forms.CharField(max_length=200, required=False)
    body = forms.CharField(max_length=MAX_BODY_CHARS, required=False, strip=False)
    draft_version = forms.IntegerField(required=False, min_value=0)


class VisibilityForm(forms.Form):
    visibility = forms.ChoiceField(
        label=_("Who can read this"), choices=Visibility, widget=forms.RadioSelect
    )


class FeedbackForm(SeenVersionForm, forms.ModelForm[CoachFeedback]):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = CoachFeedback
        fields = ["body"]
        labels = {"body": _("Your feedback")}
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write your feedback first."))
        return body


class CommentForm(forms.ModelForm[Comment]):
    class Meta:
        model = Comment
        fields = ["body"]
        labels = {"body": _("Your comment")}
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write your comment first."))
        return body


class JournalSettingForm(forms.ModelForm[JournalSetting]):
    class Meta:
        model = JournalSetting
        fields = ["mirror_enabled", "coaches_see_mirror"]
        help_texts = {
            "mirror_enabled": _(
                "The mirror reads your entry after you save it and shows you, and "
                "only you, which kinds of reflection it recognises and one question "
                "to think further. Switched off, nothing is read and nothing shown."
            ),
            "coaches_see_mirror": _(
                "Only for entries you share with your coaches. Off by default."
            ),
        }


class FilterForm(forms.Form):
    """The journal's filters (GET)."""

    meeting = MeetingChoiceField(
        label=_("Session"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("All sessions"),
    )
    assignment = AssignmentChoiceField(
        label=_("Integration assignment"),
        queryset=IntegrationAssignment.objects.none(),
        required=False,
        empty_label=_("All"),
    )
    visibility = forms.ChoiceField(
        label=_("Who can read it"),
        choices=[("", _("All")), *list(Visibility.choices)],
        required=False,
    )

    def __init__(
        self, *args: Any, community: Community, writer: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        meeting_field = self.fields["meeting"]
        assert isinstance(meeting_field, MeetingChoiceField)
        meeting_field.queryset = community_meetings(community)
        assignment_field = self.fields["assignment"]
        assert isinstance(assignment_field, AssignmentChoiceField)
        assignment_field.queryset = writers_assignments(writer, community)
