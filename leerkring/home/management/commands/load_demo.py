from django.core.management.base import BaseCommand

from leerkring.home.demo import DEMO_LOGINS, DEMO_PASSWORD, build_demo, demo_exists


class Command(BaseCommand):
    help = (
        "Load the demo organisation once (a community in the middle of its leergang)."
    )

    def handle(self, *args: object, **options: object) -> None:
        if demo_exists():
            self.stdout.write("Demo data already present.")
        else:
            build_demo()
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password: {DEMO_PASSWORD}):")
        for role, email in DEMO_LOGINS.items():
            self.stdout.write(f"  {role:<15} {email}")
