from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerkring.core.forms import SeenVersionForm
from leerkring.core.widgets import RadioSelect

from .models import Intake, IntakePreparation


class PreparationForm(SeenVersionForm, forms.ModelForm[IntakePreparation]):
    class Meta:
        model = IntakePreparation
        fields = [
            "expectations",
            "learning_wish",
            "concrete_outcome",
            "qualities",
            "constraints",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in (
                "expectations",
                "learning_wish",
                "concrete_outcome",
                "qualities",
                "constraints",
            )
        }


class IntakeForm(forms.ModelForm[Intake]):
    class Meta:
        model = Intake
        fields = ["held_on", "expectations_shared", "commitment", "notes"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "commitment": RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = timezone.localdate()

    def clean_held_on(self) -> Any:
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(
                _("Record a conversation after it took place, not before.")
            )
        return held_on
