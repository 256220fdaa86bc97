from .base import *  # noqa: F403

DEBUG = True
DJANGO_ADMIN_ENABLED = env_bool("DJANGO_ADMIN_ENABLED", True)  # noqa: F405
# E-mail is printed unless a real server is configured (EMAIL_URL or EMAIL_HOST).
if not EMAIL_CONFIGURED:  # noqa: F405
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
