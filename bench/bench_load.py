"""Load benchmark: a check-in burst on a large organisation, on PostgreSQL, through
two gunicorn servers and a background worker — loopback only, bounded in time.

Run as ``.venv/bin/python bench/bench_load.py`` (part of ``make bench``). Prints a
report and writes ``bench/results/load.json``. docs/performance.md explains the
figures and what they can and cannot tell.

- **Database**: ``BENCH_LOAD_DATABASE_URL`` (default
  ``postgres://postgres@127.0.0.1:5432/leerkring_bench_load``), dropped and created
  anew, migrated. Without a reachable PostgreSQL the bench prints a notice and stops.
- **Data set** (``build``): one organisation with ``COMMUNITIES`` communities of 12
  participants and 2 coaches each (2,800 accounts), each with a leergang of eight
  sessions three weeks apart, two of them held with every participant's check-in
  and check-out. In ``BURST_COMMUNITIES`` of them session 3 is today and its
  check-in is open. Written with ``bulk_create``; sessions are made directly in the
  session table (logging in 900 people through Argon2 would measure the hash).
- **Servers**: two ``gunicorn leerkring.wsgi`` on free loopback ports, each with
  ``GUNICORN_WORKERS`` sync workers, ``DEBUG=false``; one ``manage.py db_worker``.
  Requests alternate between the servers, as a load balancer would.
- **Load** (threads in this process, ``DURATION`` seconds):
  every participant of the burst communities opens the check-in tab at a random
  moment within the burst and answers it (the htmx POST the page makes); one coach
  per burst community opens the live view in the first 10 s and polls it every 3 s
  as the page does;
  ``BROWSERS`` participants of other communities browse (home, community,
  sessions, collective track, journal) with 2–8 s between pages.
- **Checks**: every answer is stored (count of check-ins afterwards); a response
  other than the expected status is an error.
"""

from __future__ import annotations

import datetime
import http.client
import itertools
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get(
    "BENCH_LOAD_DATABASE_URL",
    "postgres://postgres@127.0.0.1:5432/leerkring_bench_load",
)
COMMUNITIES = int(os.environ.get("BENCH_LOAD_COMMUNITIES", "200"))
BURST_COMMUNITIES = int(os.environ.get("BENCH_LOAD_BURST_COMMUNITIES", "50"))
BROWSERS = int(os.environ.get("BENCH_LOAD_BROWSERS", "60"))
DURATION = float(os.environ.get("BENCH_LOAD_SECONDS", "120"))
GUNICORN_WORKERS = int(os.environ.get("BENCH_LOAD_GUNICORN_WORKERS", "2"))
POLL_SECONDS = 3.0
TIMEOUT = 30.0
SERVER_ENV = {
    "DATABASE_URL": DATABASE_URL,
    "DEBUG": "false",
    "SECRET_KEY": "bench-load-only-" + "x" * 40,
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "EMAIL_URL": "dummymail://",
    "LOG_LEVEL": "WARNING",
}
os.environ.update(SERVER_ENV)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerkring.settings")


def database_reachable() -> bool:
    import psycopg

    try:
        psycopg.connect(_admin_url(), connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


def _admin_url() -> str:
    return DATABASE_URL.rsplit("/", 1)[0] + "/postgres"


def recreate_database() -> None:
    import psycopg
    from psycopg import sql

    name = DATABASE_URL.rsplit("/", 1)[1]
    with psycopg.connect(_admin_url(), autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)
            )
        )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def manage(*arguments: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, check=True, env=os.environ
    )


def build() -> dict[str, Any]:
    """The organisation; returns who does what in the load (ids and session keys)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from leerkring.accounts.models import User
    from leerkring.communities.models import (
        Community,
        LearningPeriod,
        Membership,
        Organisation,
    )
    from leerkring.meetings.models import Meeting
    from leerkring.pulses.models import Moment, Pulse, PulseWindow

    today = timezone.localdate()
    now = timezone.now()
    password = make_password("bench-load-password")
    organisation = Organisation.objects.create(name="Hogeschool Belasting")
    communities = Community.objects.bulk_create(
        Community(organisation=organisation, name=f"Leergemeenschap {n:03d}")
        for n in range(COMMUNITIES)
    )
    users = User.objects.bulk_create(
        User(
            email=f"persoon{n:04d}@bench.leerkring.nl",
            display_name=f"Persoon {n:04d}",
            password=password,
        )
        for n in range(COMMUNITIES * 14)
    )
    people = {c.pk: users[i * 14 : (i + 1) * 14] for i, c in enumerate(communities)}
    start = today - datetime.timedelta(weeks=6)
    Membership.objects.bulk_create(
        Membership(
            community_id=community_id,
            user=user,
            role=Membership.Role.COACH if index < 2 else Membership.Role.PARTICIPANT,
            status=Membership.Status.ACTIVE,
            joined_on=start,
        )
        for community_id, members in people.items()
        for index, user in enumerate(members)
    )
    periods = LearningPeriod.objects.bulk_create(
        LearningPeriod(
            community=community,
            kind=LearningPeriod.Kind.LEERGANG,
            start_date=start,
            end_date=start + datetime.timedelta(days=183),
        )
        for community in communities
    )
    burst = {c.pk for c in communities[:BURST_COMMUNITIES]}
    meetings = Meeting.objects.bulk_create(
        Meeting(
            period=period,
            number=number,
            date=start + datetime.timedelta(weeks=3 * (number - 1))
            if period.community_id in burst or number < 3
            else start + datetime.timedelta(weeks=3 * (number - 1), days=1),
            method_step=number,
            professional_theme=f"Thema {number}",
            personal_theme="Nieuwsgierigheid",
            personal_question="Wat wil je leren?",
        )
        for period in periods
        for number in range(1, 9)
    )
    windows = PulseWindow.objects.bulk_create(
        PulseWindow(meeting=m, moment=moment, opened_at=now, closed_at=now)
        for m in meetings
        if m.number < 3
        for moment in (Moment.CHECK_IN, Moment.CHECK_OUT)
    )
    community_of = {p.pk: p.community_id for p in periods}
    rng = random.Random(7)
    Pulse.objects.bulk_create(
        Pulse(
            window=w,
            user=participant,
            energy=rng.randint(1, 5),
            safety=rng.randint(1, 5),
            collective_tension=rng.randint(1, 5),
            personal_tension=rng.randint(1, 5),
            word=rng.choice(["moe", "benieuwd", "blij", "druk", "rustig"]),
        )
        for w in windows
        for participant in people[community_of[w.meeting.period_id]][2:]
    )
    today_meetings = {
        community_of[m.period_id]: m
        for m in meetings
        if m.number == 3 and community_of[m.period_id] in burst
    }
    PulseWindow.objects.bulk_create(
        PulseWindow(meeting=m, moment=Moment.CHECK_IN, opened_at=now)
        for m in today_meetings.values()
    )

    def session(user: Any) -> str:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return str(store.session_key)

    others = [c.pk for c in communities[BURST_COMMUNITIES:]]
    return {
        "participants": [
            (community_id, session(user))
            for community_id in sorted(burst)
            for user in people[community_id][2:]
        ],
        "coaches": [
            (
                community_id,
                today_meetings[community_id].pk,
                session(people[community_id][0]),
            )
            for community_id in sorted(burst)
        ],
        "browsers": [
            (community_id, session(people[community_id][2 + n % 12]))
            for n, community_id in enumerate(
                rng.sample(others, min(BROWSERS, len(others)))
            )
        ],
        "accounts": len(users),
        "communities": len(communities),
    }


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)

    def add(self, kind: str, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.times[kind].append(seconds * 1000)
            if error:
                self.errors[kind].append(error)

    def report(self) -> list[dict[str, Any]]:
        rows = []
        for kind, times in sorted(self.times.items()):
            cuts = (
                statistics.quantiles(times, n=100, method="inclusive")
                if len(times) > 1
                else times * 99
            )
            rows.append(
                {
                    "kind": kind,
                    "requests": len(times),
                    "errors": len(self.errors[kind]),
                    "p50_ms": round(cuts[49], 1),
                    "p95_ms": round(cuts[94], 1),
                    "p99_ms": round(cuts[98], 1),
                    "max_ms": round(max(times), 1),
                    "first_errors": self.errors[kind][:3],
                }
            )
        return rows


class Client:
    """One person's browser: a session cookie, a CSRF cookie, the two servers."""

    ports: list[int] = []
    _turn = itertools.count()

    def __init__(self, session_key: str, recorder: Recorder) -> None:
        self.cookies = {"sessionid": session_key}
        self.recorder = recorder

    def request(
        self,
        kind: str,
        method: str,
        path: str,
        *,
        body: str = "",
        htmx: bool = False,
        expect: int = 200,
    ) -> str:
        port = self.ports[next(self._turn) % len(self.ports)]
        headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "Host": "127.0.0.1",
        }
        if htmx:
            headers["HX-Request"] = "true"
        if method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            headers["Referer"] = f"http://127.0.0.1:{port}{path}"
        started = time.perf_counter()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
            connection.request(method, path, body=body or None, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
            connection.close()
        except (OSError, http.client.HTTPException) as failure:
            self.recorder.add(kind, time.perf_counter() - started, repr(failure))
            return ""
        elapsed = time.perf_counter() - started
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        wrong = None if response.status == expect else f"{response.status} {path}"
        self.recorder.add(kind, elapsed, wrong)
        return text


FORM_ACTION = re.compile(r'<form method="post" action="([^"]+)" hx-post')


def participant(community_id: int, key: str, delay: float, recorder: Recorder) -> None:
    time.sleep(delay)
    client = Client(key, recorder)
    page = client.request(
        "check-in: open the tab", "GET", f"/communities/{community_id}/checkin/"
    )
    action = FORM_ACTION.search(page)
    if action is None:
        recorder.add("check-in: answer", 0, "no check-in form on the page")
        return
    time.sleep(random.uniform(5, 15))  # reading and answering four questions
    answer = "energy=4&safety=4&collective_tension=3&personal_tension=2&word=benieuwd"
    client.request(
        "check-in: answer (htmx)", "POST", action.group(1), body=answer, htmx=True
    )


def coach(
    community_id: int, meeting_id: int, key: str, until: float, recorder: Recorder
) -> None:
    client = Client(key, recorder)
    path = f"/communities/{community_id}/checkin/{meeting_id}/check_in/live/"
    time.sleep(random.uniform(0, 10))  # fifty sessions do not start in one second
    client.request("live view: open", "GET", path)
    while time.monotonic() + POLL_SECONDS < until:
        time.sleep(POLL_SECONDS)
        client.request("live view: poll (htmx)", "GET", path, htmx=True)


def browser(community_id: int, key: str, until: float, recorder: Recorder) -> None:
    client = Client(key, recorder)
    pages = [
        ("browse: home", "/"),
        ("browse: community", f"/communities/{community_id}/"),
        ("browse: sessions", f"/communities/{community_id}/sessions/"),
        ("browse: collective track", f"/communities/{community_id}/track/"),
        ("browse: journal", f"/communities/{community_id}/reflections/"),
    ]
    time.sleep(random.uniform(0, 8))
    while time.monotonic() < until:
        kind, path = random.choice(pages)
        client.request(kind, "GET", path)
        time.sleep(random.uniform(2, 8))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def servers(log: Path) -> Iterator[list[int]]:
    ports = [free_port(), free_port()]
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    processes = []
    with log.open("w") as out:
        for port in ports:
            processes.append(
                subprocess.Popen(
                    [
                        gunicorn,
                        "leerkring.wsgi",
                        "--workers",
                        str(GUNICORN_WORKERS),
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--timeout",
                        "60",
                    ],
                    cwd=ROOT,
                    env=os.environ,
                    stdout=out,
                    stderr=out,
                )
            )
        processes.append(
            subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--no-reload"],
                cwd=ROOT,
                env=os.environ,
                stdout=out,
                stderr=out,
            )
        )
    try:
        for port in ports:
            wait_for_port(port)
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def wait_for_port(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"gunicorn on port {port} did not answer /healthz")


def one_at_a_time(cast: dict[str, Any], ports: list[int]) -> Recorder:
    """Warm-up, measured: every kind of page requested one after another (no
    concurrency), so that each server's workers have compiled their templates and
    opened their connections, and so that the report shows what a request costs
    alone next to what it costs in the crowd. The first round is not counted."""
    Client.ports = ports
    alone = Recorder()
    community, meeting, key = cast["coaches"][0]
    other, browser_key = cast["browsers"][0]
    live = f"/communities/{community}/checkin/{meeting}/check_in/live/"
    pages = [
        ("live view: open", live, False),
        ("live view: poll (htmx)", live, True),
        ("browse: home", "/", False),
        ("browse: community", f"/communities/{other}/", False),
        ("browse: sessions", f"/communities/{other}/sessions/", False),
        ("browse: collective track", f"/communities/{other}/track/", False),
        ("browse: journal", f"/communities/{other}/reflections/", False),
        ("check-in: open the tab", f"/communities/{other}/checkin/", False),
    ]
    for round_ in range(1 + 4 * GUNICORN_WORKERS * len(ports)):
        recorder = alone if round_ else Recorder()
        for kind, path, htmx in pages:
            client = Client(
                browser_key if kind.startswith(("browse", "check")) else key, recorder
            )
            client.request(kind, "GET", path, htmx=htmx)
    return alone


def run_load(cast: dict[str, Any], ports: list[int]) -> Recorder:
    recorder = Recorder()
    until = time.monotonic() + DURATION
    rng = random.Random(11)
    threads = [
        threading.Thread(
            target=participant, args=(c, key, rng.uniform(0, DURATION - 20), recorder)
        )
        for c, key in cast["participants"]
    ]
    threads += [
        threading.Thread(target=coach, args=(c, m, key, until, recorder))
        for c, m, key in cast["coaches"]
    ]
    threads += [
        threading.Thread(target=browser, args=(c, key, until, recorder))
        for c, key in cast["browsers"]
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=DURATION + 2 * TIMEOUT)
    return recorder


def table(rows: list[dict[str, Any]]) -> None:
    columns = ("requests", "errors", "p50_ms", "p95_ms", "p99_ms", "max_ms")
    print(f"{'request kind':<30}" + "".join(f"{c:>9}" for c in columns))
    for row in rows:
        print(f"{row['kind']:<30}" + "".join(f"{row[c]:>9}" for c in columns))
        for error in row["first_errors"]:
            print(f"    {error}")


def main() -> None:
    if not database_reachable():
        print(f"NOTICE: no PostgreSQL at {_admin_url()}; the load bench is skipped.")
        return
    started = time.monotonic()
    recreate_database()
    manage("migrate", "--no-input", "--verbosity", "0")
    manage("collectstatic", "--no-input", "--verbosity", "0")  # as in production
    import django

    django.setup()
    built = time.monotonic()
    cast = build()
    print(
        f"data set: {cast['communities']} communities, {cast['accounts']} accounts "
        f"in {time.monotonic() - built:.0f} s"
    )
    load_before = os.getloadavg()
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    with servers(results / "load-servers.log") as ports:
        alone = one_at_a_time(cast, ports)
        recorder = run_load(cast, ports)
    load_after = os.getloadavg()
    from leerkring.pulses.models import Pulse

    answers = Pulse.objects.filter(window__closed_at__isnull=True).count()
    rows, alone_rows = recorder.report(), alone.report()
    print("\nOne request at a time (warm):")
    table(alone_rows)
    print("\nUnder load:")
    table(rows)
    total = sum(row["requests"] for row in rows)
    errors = sum(row["errors"] for row in rows)
    print(
        f"\n{total} requests in {DURATION:.0f} s ({total / DURATION:.1f}/s), "
        f"{errors} errors; "
        f"{answers} of {len(cast['participants'])} check-ins stored; load average "
        f"{load_before[0]:.1f} before, {load_after[0]:.1f} after (1 min); "
        f"{os.cpu_count()} CPUs; whole bench {time.monotonic() - started:.0f} s"
    )
    (results / "load.json").write_text(
        json.dumps(
            {
                "date": datetime.datetime.now(datetime.UTC).isoformat(
                    timespec="seconds"
                ),
                "communities": cast["communities"],
                "accounts": cast["accounts"],
                "participants_checking_in": len(cast["participants"]),
                "coaches_polling": len(cast["coaches"]),
                "browsers": len(cast["browsers"]),
                "seconds": DURATION,
                "gunicorn": {"servers": 2, "workers_each": GUNICORN_WORKERS},
                "load_average_before": load_before,
                "load_average_after": load_after,
                "check_ins_stored": answers,
                "rows": rows,
                "one_at_a_time": alone_rows,
            },
            indent=2,
        )
    )
    errors += sum(row["errors"] for row in alone_rows)
    if errors or answers != len(cast["participants"]):
        raise SystemExit("load bench: errors, or check-ins not stored")


if __name__ == "__main__":
    main()
