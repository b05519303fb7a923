"""Forms of the community's roles and of the equal-space check-out question."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from leerkring.communities.models import Membership
from leerkring.core.forms import SeenVersionForm

from .models import RoleDefinition

ROTATES, FIXED = "rotates", "fixed"


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.user.display_name)


class RoleForm(SeenVersionForm):
    """A role's name, task, and whether it rotates or has a fixed holder."""

    name = forms.CharField(label=_("Name"), max_length=80)
    task = forms.CharField(
        label=_("Task"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    how = forms.ChoiceField(
        label=_("Who holds it"),
        choices=[
            (ROTATES, _("Rotates: everyone in turn, a fair share each")),
            (FIXED, _("One member holds it for the whole period")),
        ],
        initial=ROTATES,
        widget=forms.RadioSelect,
    )
    fixed = MemberChoiceField(
        label=_("Member who holds it"),
        queryset=Membership.objects.none(),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        members: list[Membership],
        role: RoleDefinition | None = None,
        **kwargs: Any,
    ) -> None:
        if role is not None:
            kwargs.setdefault("prefix", f"role-{role.pk}")
            kwargs.setdefault(
                "initial",
                {
                    "name": role.label,
                    "task": role.task_text,
                    "how": ROTATES if role.rotates else FIXED,
                    "fixed": role.holder_id,
                },
            )
        super().__init__(*args, **kwargs)
        fixed = self.fields["fixed"]
        assert isinstance(fixed, forms.ModelChoiceField)
        fixed.queryset = Membership.objects.filter(
            pk__in=[m.pk for m in members]
        ).select_related("user")
        self.role = role

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("how") == FIXED and not data.get("fixed"):
            self.add_error(
                "fixed", _("Choose who holds the role for the whole period.")
            )
        return data

    def action_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        rotates = data["how"] == ROTATES
        return {
            "version": data["version"],
            "name": data["name"],
            "task": data["task"],
            "rotates": rotates,
            "fixed": None if rotates else data["fixed"],
        }


class EqualSpaceForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Did everyone have the same space today?"),
        help_text=_(
            "1: not at all, 5: completely. Anonymous: nobody sees your answer."
        ),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
