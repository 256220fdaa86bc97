"""`manage.py ensure_dev_admin`: one development administrator, same credentials every run."""

import pytest
from django.core.management import CommandError, call_command

from demo.management.commands import ensure_dev_admin


@pytest.mark.django_db
def test_ensure_dev_admin_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("ensure_dev_admin")


@pytest.mark.django_db
def test_ensure_dev_admin_creates_the_account_once_and_prints_it(
    settings, tmp_path, monkeypatch, capsys, django_user_model
):
    settings.DEBUG = True
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    password_file = tmp_path / ".dev-admin-password"
    monkeypatch.setattr(ensure_dev_admin, "PASSWORD_FILE", password_file)

    call_command("ensure_dev_admin")
    first = capsys.readouterr().out
    call_command("ensure_dev_admin")
    second = capsys.readouterr().out

    password = password_file.read_text().strip()
    assert first == second
    assert "http://127.0.0.1:8000/admin/" in first
    assert "Username:  admin" in first
    assert f"Password:  {password}" in first
    assert len(password) >= 20
    user = django_user_model.objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)
    assert django_user_model.objects.count() == 1
