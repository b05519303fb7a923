"""Form pieces shared by every app."""

from __future__ import annotations

from typing import Any

from django import forms

from .concurrency import Stale, stale_message


class SeenVersionForm(forms.Form):
    """Carries the version the person saw as the hidden field ``version``.

    Mix it into an app's form (before ``forms.ModelForm`` for a model form) and
    pass ``cleaned_data["version"]`` to the action, which calls
    :func:`~leerkring.core.concurrency.claim`. On :class:`Stale` call
    :meth:`refuse`: what was typed stays in the form, the message says what
    happened, and the hidden version moves to the current one, so saving again is
    a deliberate choice to replace it. ``form.stale`` is then the current row; the
    page shows it with ``{% include "core/includes/stale.html" with shown=… %}``.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    stale: Any = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)  # a model form starts from its row
        if instance is not None and "version" not in self.initial:
            self.initial["version"] = instance.version

    def refuse(self, stale: Stale, field: str = "version") -> None:
        current = stale.current
        seen = getattr(current, field, 0) if current is not None else 0
        data = self.data.copy()  # type: ignore[attr-defined]  # request.POST
        data[self.add_prefix("version")] = str(seen)
        self.data = data
        self.stale = current
        self.add_error(None, stale_message(current, field))
