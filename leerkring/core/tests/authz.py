from django.urls import reverse

from leerkring.core.tests.matrix import ANON, SUPERUSER, Row, everyone

ROWS = [
    Row("core:healthz", lambda w: reverse("core:healthz"), everyone(200)),
    Row(
        "admin:index",
        lambda w: reverse("admin:index"),
        {**everyone(302), SUPERUSER: 200, ANON: 302},
    ),
]
