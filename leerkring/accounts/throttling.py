"""Sign-in that cannot be turned against its owner.

Login (django-axes): failures count per (account, client address) — the address
from ``core.audit.client_ip``, which trusts X-Forwarded-For only behind configured
proxies — so someone guessing elsewhere never locks the owner out. A locked pair
waits 1 minute, then 2, 4, … (``cool_off``), up to ``AXES_COOLOFF_MAX_MINUTES``,
counting the failures of the last day. A sign-in link by e-mail always works.

E-mail requests (password reset, sign-in link): at most
``MAIL_REQUESTS_PER_ADDRESS`` an hour per address and ``MAIL_REQUESTS_PER_CLIENT``
per client address (``mail_request``).
"""

from __future__ import annotations

import enum
from datetime import timedelta
from typing import Any

from axes.models import AccessFailureLog
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from leerkring.core.audit import client_ip

from .models import MailRequest

WINDOW = timedelta(hours=1)


def username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The attempted address, case-folded so 'A@x.nl' and 'a@x.nl' count together."""
    source = credentials if credentials else request.POST
    return str(source.get("username") or "").strip().casefold()


def cool_off(request: HttpRequest | None = None) -> timedelta:
    """1 minute for the first lock-out of a day, doubling with each further one."""
    longest = timedelta(minutes=settings.AXES_COOLOFF_MAX_MINUTES)
    if request is None:
        return longest
    failures = AccessFailureLog.objects.filter(
        username=username(request, getattr(request, "axes_credentials", None)),
        ip_address=getattr(request, "axes_ip_address", None) or client_ip(request),
        attempt_time__gte=timezone.now() - timedelta(days=1),
    ).count()
    lockouts = max(1, failures // settings.AXES_FAILURE_LIMIT)
    return min(timedelta(minutes=2 ** min(lockouts - 1, 20)), longest)


class Verdict(enum.Enum):
    SEND = "send"
    ADDRESS_LIMIT = "address_limit"
    CLIENT_LIMIT = "client_limit"


def _address_hash(email: str) -> str:
    key = "leerkring.accounts.mail_request"
    return salted_hmac(key, email.strip().casefold(), algorithm="sha256").hexdigest()


@transaction.atomic
def mail_request(email: str, request: HttpRequest) -> Verdict:
    """Count a request for an e-mail to ``email``; SEND when within both limits."""
    now = timezone.now()
    MailRequest.objects.filter(created_at__lt=now - timedelta(days=1)).delete()
    recent = MailRequest.objects.filter(created_at__gte=now - WINDOW)
    client = client_ip(request)
    if recent.filter(client_ip=client).count() >= settings.MAIL_REQUESTS_PER_CLIENT:
        return Verdict.CLIENT_LIMIT
    address = _address_hash(email)
    if (
        recent.filter(address_hash=address).count()
        >= settings.MAIL_REQUESTS_PER_ADDRESS
    ):
        return Verdict.ADDRESS_LIMIT
    MailRequest.objects.create(address_hash=address, client_ip=client, created_at=now)
    return Verdict.SEND
