"""How long do the demo community's PDFs take? Wall-clock and CPU time per render."""

from __future__ import annotations

import statistics
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from leerkring.agreements.harvest import harvest_for
from leerkring.communities.models import Community, Membership
from leerkring.core import pdf
from leerkring.reports.personal import personal_for


class Command(BaseCommand):
    help = "Render the harvest PDF and a participant's personal PDF a few times."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--community", default="Samen beter beoordelen")
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args: Any, **options: Any) -> None:
        community = Community.objects.filter(name=options["community"]).first()
        period = community.current_period() if community else None
        if community is None or period is None:
            raise CommandError("No such community with a learning period.")
        members = Membership.objects.active().filter(community=community)
        coach = members.coaching().select_related("user").first()
        participant = members.participants().select_related("user").first()
        if coach is None or participant is None:
            raise CommandError("The community needs a coach and a participant.")
        jobs = {
            "harvest (coach)": lambda: pdf.render(
                "reports/pdf/harvest.html",
                {
                    "doc": harvest_for(coach.user, period, coach),
                    "generated_at": timezone.now(),
                },
            ),
            "personal (participant)": lambda: pdf.render(
                "reports/pdf/personal.html",
                {
                    "doc": personal_for(participant.user, period),
                    "generated_at": timezone.now(),
                },
            ),
        }
        for name, job in jobs.items():
            job()  # warm up: fonts, templates, matplotlib
            walls, cpus = [], []
            for _ in range(options["runs"]):
                wall, cpu = time.perf_counter(), time.process_time()
                body, _seconds = job()
                walls.append(time.perf_counter() - wall)
                cpus.append(time.process_time() - cpu)
            self.stdout.write(
                f"{name:<24} median wall {statistics.median(walls):.2f} s, "
                f"median CPU {statistics.median(cpus):.2f} s, {len(body) // 1024} KiB"
            )
