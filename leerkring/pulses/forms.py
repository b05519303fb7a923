"""The check-in form (four scales, one word, a note) and the safety questionnaire."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import safety

FIVE = [(i, str(i)) for i in range(1, 6)]
SEVEN = [(i, str(i)) for i in range(1, safety.POINTS + 1)]


class ScaleField(forms.TypedChoiceField):
    """A 1–5 (or 1–7) scale, shown as a row of big buttons with its two ends named."""

    widget = forms.RadioSelect

    def __init__(self, label: Any, low: Any, high: Any, choices: Any) -> None:
        super().__init__(
            label=label,
            choices=choices,
            coerce=int,
            error_messages={"required": _("Choose a number.")},
        )
        self.low = low
        self.high = high


def _scale(label: Any, low: Any, high: Any, choices: list[tuple[int, str]]) -> Any:
    return ScaleField(label, low, high, choices)


class PulseForm(forms.Form):
    energy = _scale(
        _("How much energy do you have?"), _("empty"), _("full of energy"), FIVE
    )
    safety = _scale(
        _("How safe do you feel in the group?"), _("unsafe"), _("very safe"), FIVE
    )
    collective_tension = _scale(
        _("How much tension or challenge do you feel on the collective track?"),
        pgettext_lazy("tension", "none"),
        pgettext_lazy("tension", "a lot"),
        FIVE,
    )
    personal_tension = _scale(
        _("How much tension or challenge do you feel on your own track?"),
        pgettext_lazy("tension", "none"),
        pgettext_lazy("tension", "a lot"),
        FIVE,
    )
    word = forms.CharField(
        label=_("One word"),
        max_length=30,
        error_messages={"required": _("Type one word.")},
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    SCALES = ("energy", "safety", "collective_tension", "personal_tension")

    def clean_word(self) -> str:
        word: str = self.cleaned_data["word"].strip()
        if len(word.split()) != 1:
            raise forms.ValidationError(_("One word, without spaces."))
        return word

    def scales(self) -> list[forms.BoundField]:
        return [self[name] for name in self.SCALES]


# Edmondson (1999), "team" as "this group"; items 1, 3 and 5 are reverse-scored.
SAFETY_ITEMS = [
    _("If you make a mistake in this group, it is often held against you."),
    _("Members of this group are able to bring up problems and tough issues."),
    _("People in this group sometimes reject others for being different."),
    _("It is safe to take a risk in this group."),
    _("It is difficult to ask other members of this group for help."),
    _(
        "No one in this group would deliberately act in a way that undermines "
        "my efforts."
    ),
    _(
        "Working with members of this group, my unique skills and talents are "
        "valued and used."
    ),
]


class SafetyForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number, text in enumerate(SAFETY_ITEMS, start=1):
            self.fields[f"item{number}"] = _scale(
                text, _("very inaccurate"), _("very accurate"), SEVEN
            )

    def answers(self) -> list[int]:
        return [self.cleaned_data[f"item{i}"] for i in range(1, safety.ITEM_COUNT + 1)]
