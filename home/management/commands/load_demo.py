from django.core.management.base import BaseCommand

from home.demo import load_demo


class Command(BaseCommand):
    help = "Create the demo site (home page and every plugin's demo content). Safe to run again."

    def handle(self, *args, **options):
        context = load_demo(stdout=self.stdout)
        if context.created:
            self.stdout.write(self.style.SUCCESS(f"Demo content: {len(context.created)} item(s) created."))
        else:
            self.stdout.write("Demo content: already in place, nothing to do.")
