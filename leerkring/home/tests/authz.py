from django.urls import reverse

from leerkring.core.tests.matrix import ACTORS, Row, allow

ROWS = [
    Row("home:home", lambda w: reverse("home:home"), allow(*ACTORS[1:])),
]
