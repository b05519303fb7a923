from django.urls import URLPattern

app_name = "pulses"
urlpatterns: list[URLPattern] = []
