"""Form widgets every app shares."""

from __future__ import annotations

from typing import Any

from django import forms


class RadioSelect(forms.RadioSelect):
    """Radio buttons without Django's blank choice.

    A ModelForm offers a required model choice without a default with a blank
    first choice; as radio buttons that is a checked "— choose —" button that the
    form then refuses. Here none is checked until the person chooses.
    """

    def optgroups(self, name: str, value: Any, attrs: Any = None) -> Any:
        choices = self.choices
        self.choices = [choice for choice in choices if choice[0] != ""]
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = choices
