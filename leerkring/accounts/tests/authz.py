from django.urls import reverse

from leerkring.core.tests.matrix import ACTORS, ANON, Row, allow, everyone, posts

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
        "accounts:password-reset",
        lambda w: reverse("accounts:password-reset"),
        everyone(302),
        method="post",
        data=lambda w: {"email": "iemand@example.nl"},
    ),
    Row(
        "accounts:login-link-request",
        lambda w: reverse("accounts:login-link-request"),
        everyone(200),
    ),
    Row(
        "accounts:login-link-request",
        lambda w: reverse("accounts:login-link-request"),
        everyone(302),
        method="post",
        data=lambda w: {"email": "iemand@example.nl"},
    ),
    Row(
        "accounts:login-link-sent",
        lambda w: reverse("accounts:login-link-sent"),
        everyone(200),
    ),
    Row(
        "accounts:login-link",
        lambda w: reverse("accounts:login-link", args=["MQ", "not-a-token"]),
        everyone(400),
    ),
    Row(
        "accounts:login-link",
        lambda w: reverse("accounts:login-link", args=["MQ", "not-a-token"]),
        everyone(400),
        method="post",
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

ROWS += [
    Row("accounts:profile", lambda w: reverse("accounts:profile"), allow(*ACTORS[1:])),
    Row(
        "accounts:data-export",
        lambda w: reverse("accounts:data-export"),
        allow(*ACTORS[1:]),
    ),
    Row(
        "accounts:account-delete",
        lambda w: reverse("accounts:account-delete"),
        allow(*ACTORS[1:]),
    ),
]

# Each form's POST path: the same people, refused alike (an empty form is shown
# again with its errors).
ROWS += posts(
    ROWS,
    "accounts:account-delete",
    "accounts:login",
    "accounts:password-reset",
    "accounts:password-reset-confirm",
    "accounts:profile",
)
