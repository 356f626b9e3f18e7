import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from cms.text import split_full_name


class Command(BaseCommand):
    help = (
        "Make sure a superuser 'admin' exists. The password comes from SEN_ADMIN_PASSWORD, "
        "or is generated and printed once when the account is created."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="admin@example.com")
        parser.add_argument(
            "--full-name",
            default="",
            help='The person\'s name, family name first ("Nguyễn Văn An"), as the admin shows it.',
        )

    def handle(self, *args, username, email, full_name="", **options):
        User = get_user_model()
        password = os.environ.get("SEN_ADMIN_PASSWORD") or None
        # Stored the way Django's get_full_name(), which Wagtail shows, reads family name first.
        first_name, last_name = split_full_name(full_name) if full_name.strip() else ("", "")
        user = User.objects.filter(username=username).first()
        if user is not None and full_name.strip() and (user.first_name, user.last_name) != (first_name, last_name):
            user.first_name, user.last_name = first_name, last_name
            user.save(update_fields=["first_name", "last_name"])
        if user is None:
            generated = password is None
            password = password or secrets.token_urlsafe(12)
            User.objects.create_superuser(
                username=username, email=email, password=password, first_name=first_name, last_name=last_name
            )
            if generated:
                self.stdout.write(
                    self.style.WARNING(
                        f"Created the admin account: username '{username}', password '{password}'. "
                        "It is shown only this once; set SEN_ADMIN_PASSWORD to choose it yourself."
                    )
                )
            else:
                self.stdout.write(f"Created the admin account '{username}' with the password from SEN_ADMIN_PASSWORD.")
            return
        if password is not None and not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write(f"Admin account '{username}': password set from SEN_ADMIN_PASSWORD.")
        else:
            self.stdout.write(f"Admin account '{username}' already exists.")
