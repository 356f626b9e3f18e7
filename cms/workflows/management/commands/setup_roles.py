from django.core.management.base import BaseCommand

from cms.workflows import roles


class Command(BaseCommand):
    help = (
        "Create the editorial roles (groups), the approval workflows and each section's permissions. "
        "Safe to run again: it only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-accounts",
            action="store_true",
            help="Also create one demo account per role and per centre (never do this on a public site).",
        )

    def handle(self, *args, demo_accounts, **options):
        created = roles.setup_roles(log=lambda message: self.stdout.write(f"  {message}"))
        if created:
            self.stdout.write(self.style.SUCCESS(f"Roles and workflows: {len(created)} item(s) created."))
        else:
            self.stdout.write("Roles and workflows: already in place, nothing to do.")
        if demo_accounts:
            roles.ensure_demo_accounts(
                lambda message: self.stdout.write(self.style.WARNING(f"  {message}")), explicit=True
            )
