from django.contrib import admin
from django.urls import include, path

from leerkring.identity import urls as identity_urls

urlpatterns = [
    path("", include("leerkring.core.urls")),
    path("", include("leerkring.home.urls")),
    path("accounts/", include("leerkring.accounts.urls")),
    path("accounts/sso/", include("leerkring.identity.urls")),
    path("accounts/sso/", include(identity_urls.protocol_urlpatterns)),
    path("", include("leerkring.communities.urls")),
    path("", include("leerkring.meetings.urls")),
    path("", include("leerkring.intake.urls")),
    path("", include("leerkring.agreements.urls")),
    path("", include("leerkring.tracks.urls")),
    path("", include("leerkring.assignments.urls")),
    path("", include("leerkring.journal.urls")),
    path("", include("leerkring.pulses.urls")),
    path("", include("leerkring.reports.urls")),
    path("", include("leerkring.alumni.urls")),
    path("", include("leerkring.cohorts.urls")),
    path("", include("leerkring.retention.urls")),
    path("", include("leerkring.api.page_urls")),
    path("", include("leerkring.lti.urls")),
    path("api/", include("leerkring.api.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "leerkring.core.views.server_error"
