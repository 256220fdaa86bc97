"""Production settings refuse insecure values; the security headers reach the browser."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "example.org",
    "PUBLIC_BASE_URL": "https://example.org",
}


def run_python(args, **env):
    # The browser tests allow async-unsafe calls in this process; production never does.
    unwanted = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in unwanted}
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env={**base, **PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = run_python(["manage.py", "check", "--deploy", "--fail-level", "DEBUG"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "1"}, "DEBUG must be off in production."),
        ({"SECRET_KEY": settings.DEVELOPMENT_SECRET_KEY}, "Set SECRET_KEY"),
        ({"SECRET_KEY": "too-short"}, "Set SECRET_KEY"),
        ({"SECRET_KEY": "x" * 60}, "Set SECRET_KEY"),
        ({"ALLOWED_HOSTS": ""}, "Set ALLOWED_HOSTS"),
        ({"PUBLIC_BASE_URL": ""}, "Set PUBLIC_BASE_URL"),
        ({"PUBLIC_BASE_URL": "https://example.org:8443"}, "https must use port 443"),
        ({"TASKS_BACKEND": "celery"}, "TASKS_BACKEND must be"),
    ],
    ids=[
        "debug-on",
        "development-key",
        "short-key",
        "repetitive-key",
        "no-hosts",
        "no-base-url",
        "https-odd-port",
        "unknown-task-backend",
    ],
)
def test_production_settings_refuse_insecure_values(env, message):
    result = run_python(["-c", "import config.settings.production"], **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_settings_use_whitenoise_and_redis_when_configured():
    code = (
        "import config.settings.production as s;"
        "print(s.STORAGES['staticfiles']['BACKEND']);"
        "print(s.CACHES['default']['BACKEND']);"
        "print(s.WAGTAILADMIN_BASE_URL);"
        "print(s.TASKS['default']['BACKEND'], s.MONITORING_RECOMPUTE_IN_BACKGROUND)"
    )
    result = run_python(["-c", code], REDIS_URL="redis://127.0.0.1:6379/1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "core.redis_cache.ResilientRedisCache",
        "https://example.org",
        # Tasks wait in the database for the worker (db_worker), never in an editor's request.
        "django_tasks_db.DatabaseBackend",
        "False",
    ]


def test_the_shared_cache_changes_namespace_when_a_migration_ships(tmp_path):
    """Cached model objects of one release are never unpickled by a release whose models
    differ: the production cache's VERSION follows the migrations."""
    from config.settings.base import schema_version

    migrations = tmp_path / "innovations" / "migrations"
    migrations.mkdir(parents=True)
    (migrations / "0001_initial.py").write_text("")
    (migrations / "__init__.py").write_text("")
    before = schema_version(tmp_path)
    (tmp_path / "README.md").write_text("not a migration")
    assert schema_version(tmp_path) == before
    (migrations / "0002_more.py").write_text("")
    assert schema_version(tmp_path) != before

    code = "import config.settings.production as s; print(s.CACHES['default']['VERSION'])"
    result = run_python(["-c", code], REDIS_URL="redis://127.0.0.1:6379/1")
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == schema_version()


@pytest.mark.django_db
def test_public_pages_get_a_strict_content_security_policy(client, home_page):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy


@pytest.mark.django_db
def test_development_reports_policy_violations_without_blocking(client, home_page, settings):
    settings.DEBUG = True
    response = client.get("/")
    assert "Content-Security-Policy" not in response
    assert response["Content-Security-Policy-Report-Only"].startswith("default-src 'self'")


@pytest.mark.django_db
def test_media_on_another_host_is_allowed_for_images(client, home_page, settings):
    settings.MEDIA_URL = "https://media.example.org/jipp/"
    policy = client.get("/")["Content-Security-Policy"]
    assert "img-src 'self' data: https://media.example.org;" in policy
    assert "script-src 'self';" in policy


@pytest.mark.django_db
def test_admin_gets_its_own_policy(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_run_really_uses_postgresql_with_indonesian_search():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = 'indonesian'")
        assert cursor.fetchone() == (1,)
