"""Page benchmark: the main pages against a bare Django view, and their query counts
on the demo and on the demo with many times its data.

Run as ``.venv/bin/python bench/bench_pages.py`` (part of ``make bench``). Prints a
report and writes ``bench/results/pages.json``.

- **Database**: a fresh SQLite file in a temporary directory, migrated, with the demo
  organisation (``BENCH_DATABASE_URL`` points it elsewhere, e.g. an empty PostgreSQL
  database). Production settings (``DEBUG=false``), except HTTPS redirects (the test
  client speaks plain HTTP) and static files (not collected; plain storage).
- **Latency**: Django's test client in this process — no server, no network — so a
  figure is what the app itself costs: URL resolving, middleware (sessions, CSP,
  axes, locale, htmx), the view, its queries and the template. Each page is requested
  ``WARMUP`` times, then ``RUNS`` times; median and p95 in ms and requests per second
  on one core (1000 / mean).
- **Baseline**: a bare view returning a short ``HttpResponse``, served through the same
  middleware and URL resolving as the pages, as a logged-in user. Its figures set the
  machine's pace; a page's "× bare" says how much it costs beyond Django itself.
- **At scale**: the same pages again after the growth below (median only).
- **Query counts**: per page on the demo as built, then again after adding ten times
  the demo's entries (reflections with feedback, comments and mirror readings;
  progress entries; assignments with reports) and twenty more communities for the
  coach and the participant (check-ins cannot grow: one per person and session).
  Equal counts mean a page does not grow with data.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_database = tempfile.TemporaryDirectory(prefix="leerkring-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerkring.settings")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{_database.name}/bench.sqlite3"
)
os.environ["DEBUG"] = "false"
os.environ["ALLOWED_HOSTS"] = "testserver"
os.environ["LOG_LEVEL"] = "WARNING"
for _variable in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
    os.environ[_variable] = "false"

import warnings  # noqa: E402

import django  # noqa: E402
from django.conf import settings  # noqa: E402

# whitenoise looks for collected static files, which the bench does not need.
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

django.setup()
# Static files are served by whitenoise from a collected manifest in production; the
# bench does not collect them, and a URL costs the same either way.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

import json  # noqa: E402
import statistics  # noqa: E402
from collections.abc import Callable  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import include, path, reverse  # noqa: E402

from leerkring.home.demo import Demo, build_demo  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "pages.json"
WARMUP = 5
RUNS = 60
GROWTH = 10  # times the demo's entries
MORE_COMMUNITIES = 20


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


# The project's URLs plus the bare view, for this run only.
urlpatterns = [path("bench/bare/", bare), path("", include("leerkring.urls"))]


Page = tuple[str, str, Callable[[Demo], str]]


def pages() -> list[Page]:
    """(who, label, url) for the pages people open every week."""

    def community(name: str) -> Callable[[Demo], str]:
        return lambda demo: reverse(name, args=[demo.community.pk])

    return [
        ("participant", "bare Django view (baseline)", lambda demo: "/bench/bare/"),
        ("participant", "home (to-do list)", lambda demo: reverse("home:home")),
        (
            "participant",
            "community overview",
            community("communities:community-detail"),
        ),
        (
            "participant",
            "today's session",
            lambda demo: reverse(
                "meetings:meeting-detail", args=[demo.current_meeting.pk]
            ),
        ),
        ("participant", "journal", community("journal:journal-list")),
        ("participant", "my track", community("tracks:my-track")),
        ("participant", "agreements", community("agreements:agreement-detail")),
        ("participant", "check-in", community("pulses:checkin")),
        ("coach", "home (to-do list)", lambda demo: reverse("home:home")),
        (
            "coach",
            "session in the room",
            lambda demo: reverse(
                "meetings:meeting-run", args=[demo.current_meeting.pk]
            ),
        ),
        ("coach", "intake overview", community("intake:overview")),
        ("coach", "journal (shared with coaches)", community("journal:journal-list")),
        ("coach", "collective track", community("tracks:collective")),
        ("coach", "tension arc", community("pulses:arc")),
        ("coach", "harvest", community("agreements:harvest")),
        (
            "programme_lead",
            "organisation",
            lambda demo: reverse(
                "communities:organisation-detail", args=[demo.organisation.pk]
            ),
        ),
    ]


def _clients(demo: Demo) -> dict[str, Client]:
    people = {
        "participant": demo.participant,
        "coach": demo.coach,
        "programme_lead": demo.programme_lead,
    }
    clients = {}
    for who, user in people.items():
        client = Client()
        client.force_login(user)
        clients[who] = client
    return clients


def _get(client: Client, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")


def timings(client: Client, url: str) -> dict[str, float]:
    for _ in range(WARMUP):
        _get(client, url)
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        _get(client, url)
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {
        "median_ms": statistics.median(samples),
        "p95_ms": samples[int(0.95 * (len(samples) - 1))],
        "per_second": 1000 / statistics.fmean(samples),
    }


def query_count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        _get(client, url)
    return len(queries)


def grow(demo: Demo) -> dict[str, int]:
    """Add GROWTH times the demo's entries and MORE_COMMUNITIES communities."""
    from leerkring.assignments.models import AssignmentReport, IntegrationAssignment
    from leerkring.assignments.tests.factories import (
        AssignmentReportFactory,
        IntegrationAssignmentFactory,
    )
    from leerkring.communities.models import Membership
    from leerkring.communities.tests.factories import (
        CommunityFactory,
        LearningPeriodFactory,
        MembershipFactory,
    )
    from leerkring.journal.models import Reflection
    from leerkring.journal.tests.factories import (
        AssessmentFactory,
        CoachFeedbackFactory,
        CommentFactory,
        ReflectionFactory,
    )
    from leerkring.meetings.tests.factories import MeetingFactory
    from leerkring.tracks.models import CollectiveTrack, ProgressEntry
    from leerkring.tracks.tests.factories import ProgressEntryFactory

    before = {
        "reflections": Reflection.objects.count(),
        "progress entries": ProgressEntry.objects.count(),
        "assignments": IntegrationAssignment.objects.count(),
        "reports": AssignmentReport.objects.count(),
    }
    held = [m for m in demo.meetings if m.date < demo.today]
    per_person = max(1, GROWTH * before["reflections"] // len(demo.participants))
    for n, author in enumerate(demo.participants):
        for k in range(per_person):
            entry = ReflectionFactory(
                author=author,
                community=demo.community,
                meeting=held[k % len(held)],
                visibility=("private", "coaches", "community")[k % 3],
            )
            AssessmentFactory(reflection=entry)
            if entry.visibility != "private":
                CoachFeedbackFactory(reflection=entry, coach=demo.coach)
            if entry.visibility == "community":
                CommentFactory(
                    reflection=entry,
                    author=demo.participants[(n + 1) % len(demo.participants)],
                )
    community_track = CollectiveTrack.objects.get(period=demo.period)
    for k in range(GROWTH * max(before["progress entries"], 10)):
        ProgressEntryFactory(
            track=community_track,
            author=demo.participants[k % len(demo.participants)],
        )
    for k in range(GROWTH * max(before["assignments"], 10)):
        owner = demo.participants[k % len(demo.participants)]
        assignment = IntegrationAssignmentFactory(
            period=demo.period,
            meeting=held[k % len(held)],
            due_meeting=demo.current_meeting,
            due_date=demo.current_meeting.date,
            owner=owner,
        )
        AssignmentReportFactory(assignment=assignment, author=owner)
    for _ in range(MORE_COMMUNITIES):
        community = CommunityFactory(organisation=demo.organisation)
        period = LearningPeriodFactory(community=community, start_date=demo.today)
        for number in range(1, 9):
            MeetingFactory(period=period, number=number)
        MembershipFactory(
            community=community, user=demo.coach, role=Membership.Role.COACH
        )
        MembershipFactory(community=community, user=demo.participant)
        MembershipFactory.create_batch(8, community=community)
    after = {
        "reflections": Reflection.objects.count(),
        "progress entries": ProgressEntry.objects.count(),
        "assignments": IntegrationAssignment.objects.count(),
        "reports": AssignmentReport.objects.count(),
    }
    return {name: after[name] - before[name] for name in after}


def main() -> None:
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    demo = build_demo()
    clients = _clients(demo)
    rows: list[dict[str, Any]] = []
    with override_settings(ROOT_URLCONF=__name__):
        for who, label, url_of in pages():
            url = url_of(demo)
            rows.append(
                {
                    "who": who,
                    "page": label,
                    "url": url,
                    "queries_demo": query_count(clients[who], url),
                    **timings(clients[who], url),
                }
            )
        added = grow(demo)
        for row in rows:
            row["queries_grown"] = query_count(clients[row["who"]], row["url"])
            row["median_ms_grown"] = timings(clients[row["who"]], row["url"])[
                "median_ms"
            ]
    bare_ms = rows[0]["median_ms"]
    for row in rows:
        row["times_bare"] = row["median_ms"] / bare_ms

    print(
        f"Pages: median and p95 of {RUNS} requests after {WARMUP} warm-up, one process,"
        f" Django test client ({connection.vendor}, DEBUG=false)"
    )
    print(
        f"{'who':<15} {'page':<31} {'median':>8} {'p95':>8} {'req/s':>7} "
        f"{'× bare':>7} {'grown':>8} {'queries':>9}"
    )
    for row in rows:
        grown = "" if row["queries_grown"] == row["queries_demo"] else " (grows!)"
        print(
            f"{row['who']:<15} {row['page']:<31} {row['median_ms']:>6.1f}ms "
            f"{row['p95_ms']:>6.1f}ms {row['per_second']:>7.0f} "
            f"{row['times_bare']:>7.1f} {row['median_ms_grown']:>6.1f}ms "
            f"{row['queries_demo']:>4} → "
            f"{row['queries_grown']:<3}{grown}"
        )
    print(
        "grown = median after adding; queries: on the demo → after adding "
        + ", ".join(f"{count} {name}" for name, count in added.items())
        + f" and {MORE_COMMUNITIES} communities for the coach and the participant."
    )
    report = {
        "database": connection.vendor,
        "runs": RUNS,
        "warmup": WARMUP,
        "added": {**added, "communities": MORE_COMMUNITIES},
        "pages": rows,
        "seconds": round(time.perf_counter() - started, 1),
        "load_average_1min": os.getloadavg()[0],
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=1) + "\n")
    print(f"written {RESULTS.relative_to(ROOT)} in {report['seconds']} s")
    growing = [
        row["page"] for row in rows if row["queries_grown"] != row["queries_demo"]
    ]
    if growing:
        raise SystemExit(f"query counts grow with data: {', '.join(growing)}")


if __name__ == "__main__":
    main()
