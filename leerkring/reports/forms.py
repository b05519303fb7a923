from __future__ import annotations

from django import forms

from .models import ReminderKind, ReminderPreference

# Each kind is a switch of the same name on ReminderPreference.
KINDS: list[str] = list(ReminderKind.values)


class ReminderPreferenceForm(forms.ModelForm[ReminderPreference]):
    """Which reminders the person wants; ``coaching`` shows the digest choice."""

    class Meta:
        model = ReminderPreference
        fields = KINDS

    def __init__(self, *args: object, coaching: bool, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not coaching:
            del self.fields["coach_digest"]
