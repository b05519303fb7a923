from django.urls import URLPattern

app_name = "cohorts"
urlpatterns: list[URLPattern] = []
