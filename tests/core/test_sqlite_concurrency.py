"""SQLite, the embedded default of `make run`, under two writers at once (autosave in one tab,
publish in another): the second writer waits for the first instead of failing with
"database is locked"."""

import threading

import pytest
from django.conf import settings
from django.db import connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper


@pytest.fixture(autouse=True)
def own_files(django_db_blocker):
    """These tests open SQLite files of their own, not the test database."""
    with django_db_blocker.unblock():
        yield


def file_database(alias, path):
    """A connection to a SQLite file with the project's SQLite options."""
    # The project's SQLite options, whatever database the test run itself uses.
    config = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": dict(settings.SQLITE_OPTIONS),
        "TEST": {},
    }
    config = connections.configure_settings({"default": config})["default"]
    connections.settings[alias] = config
    connections[alias] = DatabaseWrapper(config, alias)
    return alias


def test_the_embedded_database_runs_in_wal_mode(tmp_path):
    alias = file_database("wal_check", tmp_path / "wal.sqlite3")
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
    finally:
        connections[alias].close()


def test_a_second_writer_waits_for_the_first_instead_of_failing(tmp_path):
    path = tmp_path / "concurrent.sqlite3"
    first, second = file_database("writer_a", path), file_database("writer_b", path)
    with connections[first].cursor() as cursor:
        cursor.execute("CREATE TABLE page (id INTEGER PRIMARY KEY, title TEXT)")
        cursor.execute("INSERT INTO page VALUES (1, 'awal')")
    a_wrote, a_committed, errors = threading.Event(), threading.Event(), []

    def autosave():
        try:
            with transaction.atomic(using=first), connections[first].cursor() as cursor:
                cursor.execute("SELECT title FROM page WHERE id = 1")
                cursor.execute("UPDATE page SET title = 'disimpan otomatis' WHERE id = 1")
                a_wrote.set()
                threading.Event().wait(0.5)
            a_committed.set()
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
            a_wrote.set()
        finally:
            connections[first].close()

    def publish():
        a_wrote.wait(5)
        try:
            with transaction.atomic(using=second), connections[second].cursor() as cursor:
                cursor.execute("SELECT title FROM page WHERE id = 1")
                a_committed.wait(5)
                cursor.execute("UPDATE page SET title = 'terbit' WHERE id = 1")
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections[second].close()

    threads = [threading.Thread(target=autosave), threading.Thread(target=publish)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    with connections[first].cursor() as cursor:
        cursor.execute("SELECT title FROM page WHERE id = 1")
        assert cursor.fetchone()[0] == "terbit"
    connections[first].close()
