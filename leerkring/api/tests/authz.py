from django.urls import reverse

from leerkring.core.tests.matrix import Row, everyone

ROWS = [
    Row("api:openapi-json", lambda w: reverse("api:openapi-json"), everyone(200)),
    Row("api:api-root", lambda w: reverse("api:api-root"), everyone(404)),
]
