"""The request type of the track and assignment views (logged in, with htmx)."""

from django_htmx.middleware import HtmxDetails

from leerkring.core.http import AuthenticatedHttpRequest


class HtmxRequest(AuthenticatedHttpRequest):
    htmx: HtmxDetails
