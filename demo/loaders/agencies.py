"""Demo accounts of the agencies area: one officer and one verifier of an agency that has
demo innovations, and one moderator (demo/data/agencies.yaml).

The loader creates them without a usable password; `ensure_dev_admin` (development only)
gives them random passwords kept in the git-ignored .dev-demo-passwords and prints them.
"""

import json
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model

from agencies import roles
from demo import datafiles
from innovations.models import Agency

PASSWORD_FILE = settings.BASE_DIR / ".dev-demo-passwords"


def accounts():
    return datafiles.read("agencies")["accounts"]


def load(stdout):
    """Create the missing demo accounts and their roles; change nothing that exists."""
    created = 0
    for account in accounts():
        user, made = get_user_model().objects.get_or_create(
            username=account["username"],
            defaults={
                "email": account["email"],
                "first_name": account["first_name"],
                "last_name": account["last_name"],
            },
        )
        if made:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            created += 1
        if "agency" in account:
            roles.assign(user, Agency.objects.get(acronym=account["agency"]), account["role"])
        else:
            roles.add_to_group(user, account["group"])
    stdout.write(f"agencies: {created} demo accounts created\n")


def login_accounts():
    """Every demo account `make run` prints a login for: the agencies' roles, then the
    competitions' jurors that carry a label (demo/data/competitions.yaml)."""
    jurors = datafiles.read("competitions").get("jurors", [])
    return [*accounts(), *(juror for juror in jurors if "label" in juror)]


def ensure_passwords():
    """Give each demo account its stored random password; return (label, username, password)."""
    stored = json.loads(PASSWORD_FILE.read_text()) if PASSWORD_FILE.exists() else {}
    logins = []
    for account in login_accounts():
        user = get_user_model().objects.filter(username=account["username"]).first()
        if user is None:
            continue
        password = stored.setdefault(account["username"], secrets.token_urlsafe(12))
        if not user.check_password(password):
            user.set_password(password)
            user.is_active = True
            user.save(update_fields=["password", "is_active"])
        logins.append((account["label"], account["username"], password))
    PASSWORD_FILE.write_text(json.dumps(stored, indent=2) + "\n")
    PASSWORD_FILE.chmod(0o600)
    return logins
