from django import forms
from django.utils.translation import gettext_lazy as _

from leerkring.core.forms import SeenVersionForm

from .models import MAX_MONTHS, MIN_MONTHS


class RetentionForm(SeenVersionForm):
    months = forms.IntegerField(
        label=_("Months after a period ends"),
        min_value=MIN_MONTHS,
        max_value=MAX_MONTHS,
        help_text=_(
            "Journal entries, intake material and who gave which check-in answer "
            "are removed this many months after a period's last day. Members are "
            "told beforehand and can download their data first."
        ),
    )
