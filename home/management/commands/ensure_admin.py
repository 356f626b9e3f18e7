import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Make sure a superuser 'admin' exists. The password comes from SEN_ADMIN_PASSWORD, "
        "or is generated and printed once when the account is created."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="admin@example.com")

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        password = os.environ.get("SEN_ADMIN_PASSWORD") or None
        user = User.objects.filter(username=username).first()
        if user is None:
            generated = password is None
            password = password or secrets.token_urlsafe(12)
            User.objects.create_superuser(username=username, email=email, password=password)
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
