from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _coaches(user: object, community: object) -> bool:
    from leerkring.communities.roles import is_coach

    return is_coach(user, community)  # type: ignore[arg-type]


class TracksConfig(AppConfig):
    name = "leerkring.tracks"
    verbose_name = _("Tracks")

    def ready(self) -> None:
        from leerkring.core import navigation
        from leerkring.meetings import lookback as meetings_lookback

        from . import access  # noqa: F401  (registers the permission rules)
        from .lookback import progress_since_last_session

        meetings_lookback.register(progress_since_last_session)

        navigation.register(
            navigation.Tab(
                _("Collective track"),
                "tracks:collective",
                order=30,
                visible=navigation.may("tracks.summary"),
            )
        )
        navigation.register(
            navigation.Tab(
                _("My track"),
                "tracks:my-track",
                order=40,
                visible=navigation.may("tracks.own_track"),
            )
        )
        navigation.register(
            navigation.Tab(_("Tracks"), "tracks:overview", order=41, visible=_coaches)
        )
