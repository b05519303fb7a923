from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("leerkring.core.urls")),
    path("accounts/", include("leerkring.accounts.urls")),
    path("", include("leerkring.communities.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "leerkring.core.views.server_error"
