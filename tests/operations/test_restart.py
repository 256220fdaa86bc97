"""Graceful restarts behind nginx: a replica reloaded (HUP), restarted (TERM, then started
again) or killed outright, under a stream of GETs through nginx, costs no GET an error,
because nginx retries an idempotent request on the other replica.

nginx and two gunicorn replicas are real and nginx runs the topology's own configuration
(`deploy/prod-local.sh nginx-conf`); the replicas serve a tiny WSGI app instead of the portal,
so that the test boots in a second and exercises the restart path, not Django. The same
faults against the portal itself are in bench/faults.py (docs/operations.md has its table).
"""

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

APP = """
import os
import time


def app(environ, start_response):
    time.sleep(0.02)  # so that requests are in flight when a replica goes
    body = str(os.getpid()).encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port, path="/", timeout=5):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_for(check, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise AssertionError(f"not within {seconds} s: {check}")


class Replica:
    def __init__(self, directory, port):
        self.directory, self.port, self.process = directory, port, None

    def start(self):
        # The project's gunicorn with fixed arguments, on loopback; its own process group, so
        # that a kill takes the master and its workers as a crash would.
        self.process = subprocess.Popen(  # noqa: S603
            [str(GUNICORN), "app:app", "--chdir", str(self.directory)]
            + ["--bind", f"127.0.0.1:{self.port}", "--workers", "2", "--graceful-timeout", "10"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(lambda: get(self.port)[0] == 200)

    def workers(self):
        return set(
            subprocess.run(  # noqa: S603
                ["pgrep", "-P", str(self.process.pid)],  # noqa: S607
                capture_output=True,
                text=True,
                check=False,
            ).stdout.split()
        )

    def reload(self):
        before = self.workers()
        self.process.send_signal(signal.SIGHUP)
        # Done when a whole new set of workers serves.
        wait_for(lambda: len(after := self.workers()) == 2 and not after & before)
        wait_for(lambda: get(self.port)[0] == 200)

    def restart(self):
        self.process.terminate()
        self.process.wait(20)
        self.start()

    def crash_and_start(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(20)
        self.start()

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(20)


@pytest.fixture
def topology(tmp_path):
    if not GUNICORN.exists() or not shutil.which(NGINX):
        pytest.fail("needs gunicorn (requirements.txt) and Debian's nginx")
    (tmp_path / "app.py").write_text(APP)
    replicas = [Replica(tmp_path, free_port()), Replica(tmp_path, free_port())]
    port = free_port()
    env = {
        **os.environ,
        "PROD_RUN_DIR": str(tmp_path),
        "PROD_PORT": str(port),
        "PROD_REPLICA_PORTS": " ".join(str(r.port) for r in replicas),
    }
    conf = subprocess.run(  # noqa: S603
        ["bash", str(PROJECT_DIR / "deploy" / "prod-local.sh"), "nginx-conf"],  # noqa: S607
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (tmp_path / "nginx.conf").write_text(conf)
    for name in ("nginx-body", "nginx-proxy"):
        (tmp_path / name).mkdir()
    nginx = None
    try:
        for replica in replicas:
            replica.start()
        nginx = subprocess.Popen(  # noqa: S603
            [NGINX, "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)]
            + ["-g", "daemon off;"],
            stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: get(port)[0] == 200)
        yield port, replicas, tmp_path
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait(20)
        for replica in replicas:
            replica.stop()


def test_restarting_or_killing_a_replica_under_load_fails_no_get(topology):
    port, (one, two), run_dir = topology
    results, done = [], threading.Event()

    def stream():
        while not done.is_set():
            try:
                status, body = get(port, timeout=10)
                results.append((status, body))
            except (OSError, http.client.HTTPException) as error:
                results.append((None, repr(error).encode()))

    clients = [threading.Thread(target=stream) for _ in range(4)]
    for client in clients:
        client.start()
    try:
        # One fault at a time, as in a rolling deploy: the stream serves a few requests between
        # faults. (A request whose retry meets a second fault in the same few milliseconds, the
        # first replica refusing while the second is killed, has no third replica to go to.)
        faults = (
            one.reload,  # HUP: new workers, old ones finish their requests
            two.restart,  # TERM, then started again (deploy/prod-local.sh restart-replica)
            one.crash_and_start,  # SIGKILL of master and workers mid-request
        )
        for fault in faults:
            served = len(results)
            wait_for(lambda served=served: len(results) > served + 20)
            fault()
        served = len(results)
        wait_for(lambda: len(results) > served + 20)
    finally:
        done.set()
        for client in clients:
            client.join(20)

    failed = [result for result in results if result[0] != 200]
    assert not failed, f"{len(failed)} of {len(results)} GETs failed: {failed[:3]}"
    # A request nginx sent to a replica that was going and then to the other one: the path
    # under test was taken (the access log names both upstreams on one line).
    log = (run_dir / "nginx-access.log").read_text().splitlines()
    retried = [
        line
        for line in log
        if f":{one.port}, 127.0.0.1:{two.port}" in line
        or f":{two.port}, 127.0.0.1:{one.port}" in line
    ]
    assert retried, f"no retried request among {len(log)} in the access log"
