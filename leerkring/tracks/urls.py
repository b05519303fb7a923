from django.urls import URLPattern

app_name = "tracks"
urlpatterns: list[URLPattern] = []
