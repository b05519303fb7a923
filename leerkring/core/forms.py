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
        # A model form of a versioned row starts from that row's version.
        seen = getattr(getattr(self, "instance", None), "version", None)
        if seen is not None and "version" not in self.initial:
            self.initial["version"] = seen

    def refuse(self, stale: Stale) -> None:
        data = self.data.copy()  # type: ignore[attr-defined]  # request.POST
        data[self.add_prefix("version")] = str(stale.version)
        self.data = data
        self.stale = stale.current
        self.add_error(None, stale_message(stale))
