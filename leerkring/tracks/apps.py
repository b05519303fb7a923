from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _reads_collective_track(user: object, community: object) -> bool:
    from leerkring.core.access import allowed

    return allowed(user, "tracks:summary", community)  # type: ignore[arg-type]


def _keeps_own_track(user: object, community: object) -> bool:
    from leerkring.core.access import allowed

    return allowed(user, "tracks:own-track", community)  # type: ignore[arg-type]


def _coaches(user: object, community: object) -> bool:
    from .access import coaches

    return coaches(user, community.pk)  # type: ignore[attr-defined]


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
                visible=_reads_collective_track,
            )
        )
        navigation.register(
            navigation.Tab(
                _("My track"), "tracks:my-track", order=40, visible=_keeps_own_track
            )
        )
        navigation.register(
            navigation.Tab(_("Tracks"), "tracks:overview", order=41, visible=_coaches)
        )
