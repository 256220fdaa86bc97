"""The index recompute leaves the request: years wait in the shared cache and one drain at a
time takes them all (monitoring/tasks.py)."""

from types import SimpleNamespace

from django.core.cache import cache

from monitoring import tasks


class Recorder:
    def __init__(self):
        self.calls, self.threads = [], []

    def call(self, years):
        self.calls.append(years)

    def thread(self, target, name, daemon):
        self.threads.append(target)
        return self

    def start(self):
        pass


def test_changes_in_a_burst_give_one_recompute_outside_the_request(monkeypatch):
    recorder = Recorder()
    monkeypatch.setattr(tasks, "recompute_index", SimpleNamespace(call=recorder.call))
    monkeypatch.setattr(tasks.threading, "Thread", recorder.thread)

    tasks.recompute_in_background([2025])
    tasks.recompute_in_background([2024, 2025])
    assert recorder.calls == []  # nothing ran in the request

    recorder.threads[0]()
    recorder.threads[1]()  # finds nothing left

    assert recorder.calls == [[2024, 2025]]
    assert cache.get(tasks.LOCK_KEY) is None


def test_a_running_recompute_keeps_the_others_waiting(monkeypatch):
    recorder = Recorder()
    monkeypatch.setattr(tasks, "recompute_index", SimpleNamespace(call=recorder.call))
    monkeypatch.setattr(tasks.threading, "Thread", recorder.thread)
    cache.add(tasks.LOCK_KEY, "running", 60)

    tasks.recompute_in_background([2025])
    recorder.threads[0]()

    assert recorder.calls == []
    assert cache.get(tasks.PENDING_KEY) == [2025]
