from django.urls import URLPattern

app_name = "assignments"
urlpatterns: list[URLPattern] = []
