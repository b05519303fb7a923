from django.urls import reverse

from leerkring.core.tests.matrix import ACTORS, ANON, SUPERUSER, Row, allow, everyone

ROWS = [
    Row("core:home", lambda w: reverse("core:home"), allow(*ACTORS[1:])),
    Row("core:healthz", lambda w: reverse("core:healthz"), everyone(200)),
    Row(
        "admin:index",
        lambda w: reverse("admin:index"),
        {**everyone(302), SUPERUSER: 200, ANON: 302},
    ),
]
