"""Tracking codes and secrets.

The code names a report (it is typed, read aloud and e-mailed); the secret proves the holder
filed it and is shown once. Both come from ``secrets``. Only an HMAC of the secret is stored:
the secret has 120 bits of entropy, so a slow password hash would add nothing but latency, and a
keyed hash keeps a leaked table useless without SECRET_KEY.
"""

import hashlib
import hmac
import secrets

from django.conf import settings

# No 0/O, 1/I/L, 5/S, 2/Z: codes are read out over the phone.
CODE_ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"
CODE_LENGTH = 12  # 27**12 ≈ 1.5e17 codes: nobody finds a report by guessing its code
SECRET_BYTES = 15  # 120 bits, 20 URL-safe characters
CODE_PREFIX = "PGD"


def new_code():
    body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{CODE_PREFIX}-{body[:4]}-{body[4:8]}-{body[8:]}"


def normalise_code(value):
    """Accept the code as people type it: any case, with or without dashes and spaces."""
    body = "".join(ch for ch in (value or "").upper() if ch.isalnum())
    if body.startswith(CODE_PREFIX):
        body = body[len(CODE_PREFIX) :]
    if len(body) != CODE_LENGTH:
        return ""
    return f"{CODE_PREFIX}-{body[:4]}-{body[4:8]}-{body[8:]}"


def new_secret():
    return secrets.token_urlsafe(SECRET_BYTES)


def hash_secret(secret):
    key = f"participation.secret:{settings.SECRET_KEY}".encode()
    return hmac.new(key, (secret or "").strip().encode(), hashlib.sha256).hexdigest()


# Compared against when the code is unknown, so that an unknown code and a wrong secret take the
# same work and give the same answer.
UNKNOWN_CODE_HASH = "0" * 64


def secret_matches(secret, stored_hash):
    return hmac.compare_digest(hash_secret(secret), stored_hash or UNKNOWN_CODE_HASH)
