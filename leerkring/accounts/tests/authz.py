from django.urls import reverse

from leerkring.core.tests.matrix import ANON, Row, everyone

ROWS = [
    Row(
        "accounts:login",
        lambda w: reverse("accounts:login"),
        {**everyone(302), ANON: 200},
    ),
    Row(
        "accounts:logout",
        lambda w: reverse("accounts:logout"),
        everyone(302),
        method="post",
    ),
    Row(
        "accounts:language",
        lambda w: reverse("accounts:language"),
        everyone(302),
        method="post",
        data=lambda w: {"language": "en"},
    ),
    Row(
        "accounts:password-reset",
        lambda w: reverse("accounts:password-reset"),
        everyone(200),
    ),
    Row(
        "accounts:password-reset-done",
        lambda w: reverse("accounts:password-reset-done"),
        everyone(200),
    ),
    Row(
        "accounts:password-reset-confirm",
        lambda w: reverse(
            "accounts:password-reset-confirm", args=["MQ", "not-a-token"]
        ),
        everyone(200),
    ),
    Row(
        "accounts:password-reset-complete",
        lambda w: reverse("accounts:password-reset-complete"),
        everyone(200),
    ),
]
