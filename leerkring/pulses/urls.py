from django.urls import path

from . import views

app_name = "pulses"
MOMENT = "communities/<int:community_id>/checkin/<int:meeting_id>/<str:moment>/"
urlpatterns = [
    path("communities/<int:community_id>/checkin/", views.checkin, name="checkin"),
    path(MOMENT, views.pulse_answer, name="pulse-answer"),
    path(f"{MOMENT}live/", views.pulse_live, name="pulse-live"),
    path(f"{MOMENT}window/", views.window_update, name="window-update"),
    path("communities/<int:community_id>/arc/", views.arc, name="arc"),
    path("communities/<int:community_id>/arc.svg", views.arc_svg, name="arc-svg"),
    path("communities/<int:community_id>/safety/", views.safety, name="safety"),
]
