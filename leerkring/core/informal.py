"""Django's own messages that its Dutch puts formally ("uw wachtwoord").

Leerkring says "je" everywhere. Listing the messages here puts them in core's
catalogue, which Django consults before its own (core comes before Django's apps
in ``INSTALLED_APPS``), so the password rules on the invitation and reset pages
read informally too. A test renders each and checks the Dutch.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop, ngettext_lazy

MESSAGES = (
    gettext_noop(
        "Your password can’t be too similar to your other personal information."
    ),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
)
MINIMUM_LENGTH = ngettext_lazy(
    "Your password must contain at least %(min_length)d character.",
    "Your password must contain at least %(min_length)d characters.",
    "min_length",
)
