"""Create the development administrator once and print how to sign in, on every run.

The password is random and kept in the git-ignored file .dev-admin-password, so a second
run (or a fresh database with the same checkout) signs in with the same credentials.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from demo.loaders.agencies import ensure_passwords as ensure_demo_passwords

USERNAME = "admin"
PASSWORD_FILE = settings.BASE_DIR / ".dev-admin-password"


class Command(BaseCommand):
    help = "Membuat akun admin pengembangan (hanya dengan DEBUG aktif) dan mencetak kredensialnya."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "ensure_dev_admin hanya untuk pengembangan: aktifkan DEBUG "
                "(DJANGO_SETTINGS_MODULE=config.settings.dev)."
            )
        password = self._password()
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            username=USERNAME,
            defaults={"email": "admin@localhost", "is_staff": True, "is_superuser": True},
        )
        if created or not user.check_password(password):
            user.set_password(password)
            user.is_active = user.is_staff = user.is_superuser = True
            user.save()

        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/"
        self.stdout.write(f"Admin:     {admin_url}")
        self.stdout.write(f"Username:  {USERNAME}")
        self.stdout.write(f"Password:  {password}")
        # Demo accounts to walk the moderation workflow (demo/loaders/agencies.py).
        for label, username, demo_password in ensure_demo_passwords():
            self.stdout.write(f"{label}: {username} / {demo_password}")

    def _password(self):
        if PASSWORD_FILE.exists():
            stored = PASSWORD_FILE.read_text().strip()
            if stored:
                return stored
        password = secrets.token_urlsafe(18)
        PASSWORD_FILE.write_text(password + "\n")
        PASSWORD_FILE.chmod(0o600)
        return password
