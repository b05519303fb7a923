"""The console e-mail backend of `make run`, readable from the terminal.

Django's console backend prints the message as it would travel: long lines
quoted-printable wrapped (``=\\n``, ``=3D``), so a link in an invitation cannot be
clicked or copied. This one prints the same headers and then each part's decoded
text, so every link stays whole on one line.
"""

from __future__ import annotations

from typing import Any

from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend

HEADERS = ("Subject", "From", "To", "Cc", "Reply-To", "Date")


class EmailBackend(ConsoleEmailBackend):
    def write_message(self, message: Any) -> None:
        mail = message.message()
        lines = [f"{name}: {mail[name]}" for name in HEADERS if mail[name]]
        for part in mail.walk():
            if part.is_multipart():
                continue
            lines += ["", f"[{part.get_content_type()}]", part.get_content().rstrip()]
        self.stream.write("\n".join(lines) + "\n")
        self.stream.write("-" * 79 + "\n")
