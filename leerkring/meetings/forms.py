"""Forms for planning a leergang and for editing and running its sessions."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import Community, Membership
from leerkring.core.forms import SeenVersionForm

from .method import (
    MAX_SESSIONS,
    METHOD_SESSIONS,
    MIN_SESSIONS,
    THEME_FIELDS,
    ItemKind,
    PracticeMeaning,
)
from .models import AgendaItem, Meeting, MeetingRole, OpenSpaceProposal, PartOfDay
from .scheduling import (
    DEFAULT_PERIOD_DAYS,
    MAX_COACH_EVERY,
    MAX_INTERVAL_WEEKS,
    MIN_INTERVAL_WEEKS,
    PlanProblems,
    SessionPlan,
    propose_dates,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class LeergangForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("For example “Leergang 2027”. Left empty, the years are used."),
    )
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    end_date = forms.DateField(
        label=_("End date"),
        widget=DateInput(),
        required=False,
        help_text=_("About six months after the start; left empty, that is used."),
    )
    count = forms.IntegerField(
        label=_("Number of sessions"),
        min_value=MIN_SESSIONS,
        max_value=MAX_SESSIONS,
        initial=METHOD_SESSIONS,
        help_text=_(
            "The method has 8 sessions of a part of the day. Fewer or more is "
            "possible (4–12), but the tension arc — kickstart, climax, landing — "
            "needs a critical number of sessions to build up."
        ),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start = data.get("start_date")
        if start and not data.get("end_date"):
            data["end_date"] = start + timedelta(days=DEFAULT_PERIOD_DAYS)
        return data


class SessionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    part_of_day = forms.ChoiceField(
        label=_("Part of day"), choices=PartOfDay, initial=PartOfDay.AFTERNOON
    )
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False)


SessionFormSet = forms.formset_factory(SessionForm, extra=0)


class LeergangPlan:
    """The period form and its sessions, posted together on one page.

    "Propose dates" (a submit named ``propose``) spreads the sessions evenly
    over the period and keeps what the coach typed for place and part of day.
    """

    prefix = "sessions"

    def __init__(self, data: Any | None, community: Community) -> None:
        self.community = community
        # The community's variant proposes how many sessions over how long.
        self.preset = community.preset
        today = timezone.localdate()
        start = today + timedelta(days=14)
        end = start + timedelta(weeks=self.preset.weeks)
        self.form = LeergangForm(
            data,
            initial={
                "start_date": start,
                "end_date": end,
                "count": self.preset.sessions,
            },
        )
        self.proposing = data is None or "propose" in data
        if data is None:
            self.sessions = self._proposed(start, end, self.preset.sessions, [])
        elif self.proposing:
            self.sessions = self._repropose(data)
        else:
            self.sessions = SessionFormSet(data, prefix=self.prefix)

    def _proposed(
        self, start: date, end: date | None, count: int, kept: list[dict[str, Any]]
    ) -> Any:
        end = end or start + timedelta(days=DEFAULT_PERIOD_DAYS)
        initial = []
        for index, day in enumerate(propose_dates(start, end, count)):
            row = {"date": day, "part_of_day": PartOfDay.AFTERNOON}
            source = kept[index] if index < len(kept) else (kept[-1] if kept else {})
            for name in ("part_of_day", "location", "online_url"):
                if source.get(name):
                    row[name] = source[name]
            initial.append(row)
        return SessionFormSet(initial=initial, prefix=self.prefix)

    def _repropose(self, data: Any) -> Any:
        posted = SessionFormSet(data, prefix=self.prefix)
        kept = [
            {name: f.data.get(f.add_prefix(name), "") for name in f.fields}
            for f in posted.forms
        ]
        if not self.form.is_valid():
            return posted
        cleaned = self.form.cleaned_data
        return self._proposed(
            cleaned["start_date"], cleaned["end_date"], cleaned["count"], kept
        )

    def is_valid(self) -> bool:
        if self.proposing:
            return False
        valid = self.form.is_valid() & self.sessions.is_valid()
        if valid and len(self.sessions.forms) != self.form.cleaned_data["count"]:
            self.sessions = self._repropose(self.form.data)
            self.form.add_error(
                "count",
                _(
                    "The number of sessions changed: new dates are proposed below. "
                    "Check them and save again."
                ),
            )
            return False
        return valid

    def session_plans(self) -> list[SessionPlan]:
        return [SessionPlan(**f.cleaned_data) for f in self.sessions.forms]

    def add_problems(self, problems: PlanProblems) -> None:
        for name, messages in problems.fields.items():
            for message in messages:
                self.form.add_error(name, message)
        for index, fields in problems.sessions.items():
            for name, messages in fields.items():
                for message in messages:
                    self.sessions.forms[index].add_error(name, message)


class MeetingForm(SeenVersionForm, forms.ModelForm[Meeting]):
    """A session's date, place and themes, with the version the coach saw."""

    practice_meanings = forms.MultipleChoiceField(
        label=_("Meaning for the work practice"),
        choices=PracticeMeaning,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Meeting
        fields = [
            "date",
            "part_of_day",
            "location",
            "online_url",
            "goal",
            "intention",
            *THEME_FIELDS,
            "practice_meanings",
        ]
        widgets = {"date": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.has_method_themes:
            # A self-run meeting has no Table-1 themes: only date and place.
            for name in (*THEME_FIELDS, "practice_meanings"):
                del self.fields[name]
            return
        for name in THEME_FIELDS:
            self.fields[name].required = True


class AgendaItemForm(SeenVersionForm, forms.ModelForm[AgendaItem]):
    class Meta:
        model = AgendaItem
        fields = ["kind", "title", "description", "minutes"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.NumberInput(attrs={"min": 1, "max": 240}),
        }

    def __init__(self, *args: Any, version: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = version

    def clean_minutes(self) -> int:
        minutes: int = self.cleaned_data["minutes"]
        if not 1 <= minutes <= 240:
            raise forms.ValidationError(_("An item takes between 1 and 240 minutes."))
        return minutes


class NewAgendaItemForm(AgendaItemForm):
    """A new item, placed where the coach chooses: by default before the
    check-out, so the closing round stays last."""

    after = forms.TypedChoiceField(
        label=_("Place"), coerce=int, required=False, empty_value=None
    )

    def __init__(
        self, *args: Any, version: int, items: list[AgendaItem], **kwargs: Any
    ) -> None:
        super().__init__(*args, version=version, **kwargs)
        field = self.fields["after"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(0, _("At the start")), *_after_choices(items)]
        if items and items[-1].kind == ItemKind.CHECK_OUT:
            field.initial = items[-2].position if len(items) > 1 else 0
        else:
            field.initial = items[-1].position if items else 0


def _after_choices(items: list[AgendaItem]) -> list[tuple[int, str]]:
    return [
        (item.position, _("After “%(title)s”") % {"title": item.title})
        for item in items
    ]


class NotesForm(SeenVersionForm):
    coach_notes = forms.CharField(
        label=_("Coach notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Only the coaches of this community read these notes."),
    )


class SummaryForm(SeenVersionForm):
    summary = forms.CharField(
        label=_("Summary for the members"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )


class ObservationForm(SeenVersionForm):
    coach_observation = forms.CharField(
        label=_("Your observation for the community"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Every member of the community reads this on the session page: what "
            "you saw, what struck you, a question to take along. Your coach notes "
            "stay your own."
        ),
    )


class ProposalForm(forms.ModelForm[OpenSpaceProposal]):
    class Meta:
        model = OpenSpaceProposal
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"title": _("What would you like to do in the open space?")}


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Present"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args: Any, members: list[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(str(m.pk), m.user.display_name) for m in members]


def _coach_every_field(**options: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("A coach joins every … meetings"),
        min_value=1,
        max_value=MAX_COACH_EVERY,
        **options,
    )


class SelfRunForm(forms.Form):
    """Starting a self-run period: when, how often, and how often with a coach."""

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Left empty, the years are used."),
    )
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    end_date = forms.DateField(label=_("End date"), widget=DateInput())
    interval_weeks = forms.IntegerField(
        label=_("Meet every … weeks"),
        min_value=MIN_INTERVAL_WEEKS,
        max_value=MAX_INTERVAL_WEEKS,
        initial=6,
        help_text=_("For example every 4, 6 or 8 weeks: regular meetings help."),
    )
    coach_every = _coach_every_field(
        initial=3,
        help_text=_(
            "Periodic attention from a coach keeps the community sharp and "
            "prevents “selective blindness”. 3: the 3rd, 6th, 9th meeting …"
        ),
    )
    part_of_day = forms.ChoiceField(
        label=_("Part of day"), choices=PartOfDay, initial=PartOfDay.AFTERNOON
    )
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False)


class SelfRunSettingsForm(SeenVersionForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    coach_every = _coach_every_field(help_text=_("Changes the meetings from today on."))


class RoleSwapForm(SeenVersionForm):
    """Swap a role with another role of the same period (value: ``id:version``)."""

    other = forms.ChoiceField(label=_("Swap with"))

    def __init__(
        self,
        *args: Any,
        role: MeetingRole,
        options: list[MeetingRole],
        own: bool = True,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", f"role-{role.pk}")
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = role.version
        field = self.fields["other"]
        assert isinstance(field, forms.ChoiceField)
        label = (
            _("Swap your role as %(role)s with") if own else _("Swap the %(role)s with")
        )
        field.label = label % {"role": role.get_role_display().lower()}
        field.choices = [
            (
                f"{other.pk}:{other.version}",
                _("%(role)s of %(meeting)s (%(date)s): %(name)s")
                % {
                    "role": other.get_role_display(),
                    "meeting": other.meeting,
                    "date": formats.date_format(other.meeting.date, str(_("j M"))),
                    "name": other.holder_name(),
                },
            )
            for other in options
            if other.pk != role.pk
        ]

    def chosen(self) -> tuple[int, int]:
        """The other role's id and the version the member saw."""
        pk, version = self.cleaned_data["other"].split(":")
        return int(pk), int(version)
