"""The bench's processes: started in their own groups, watched, measured (memory, CPU), stopped.

Also the two servers every benchmark starts: Khabar as `make serve` runs it, and nginx serving
a static copy of a page (the reference).
"""

# Subprocesses here run fixed tools (nginx, granian) with argument lists, never a shell.
# ruff: noqa: S603

import contextlib
import grp
import http.client
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench import database

ROOT = database.ROOT
BENCH_DIR = database.BENCH_DIR
STATIC_ROOT = database.STATIC_ROOT
BIN = Path(sys.executable).parent


class Processes:
    """Children in their own process groups, all stopped on exit (TERM, then KILL)."""

    def __init__(self) -> None:
        self.started: list[tuple[str, subprocess.Popen[bytes]]] = []
        self.stopped: set[str] = set()

    def start(self, name: str, args: list[str], *, env: dict[str, str], log: Path) -> int:
        with log.open("wb") as output:
            process = subprocess.Popen(
                args,
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.started.append((name, process))
        return process.pid

    def check(self) -> None:
        for name, process in self.started:
            if name not in self.stopped and process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}; see var/bench/")

    def stop(self, name: str) -> None:
        self.stopped.add(name)
        for started_name, process in self.started:
            if started_name == name and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()

    def stop_all(self) -> None:
        for _name, process in reversed(self.started):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for _name, process in reversed(self.started):
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.started.clear()


def terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


_STARTED = time.monotonic()


def say(message: str) -> None:
    print(f"[{time.monotonic() - _STARTED:4.0f} s] {message}", flush=True)


def concurrently(client: Callable[[int], None], count: int) -> None:
    """`client(0)` … `client(count - 1)`, each in a thread of its own, until all return."""
    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


def fetch(port: int, path: str, connection: http.client.HTTPConnection | None = None) -> Response:
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        answer = connection.getresponse()
        body = answer.read()
        return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, body)
    finally:
        if own:
            connection.close()


def wait_until_up(port: int, path: str, processes: Processes, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        processes.check()
        with contextlib.suppress(OSError, http.client.HTTPException):
            if fetch(port, path).status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing answered 200 on 127.0.0.1:{port}{path} in {timeout:.0f} s")


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if int(_stat(entry.name)[1]) == pid:
                    found.append(int(entry.name))
    return sorted(found)


def _stat(pid: int | str) -> list[str]:
    """The fields of /proc/<pid>/stat after the command name (state first)."""
    # The command name is in parentheses and may hold spaces: split after it.
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def group_members(group: int) -> list[int]:
    """The live (not zombie) processes of a process group: a server and its workers."""
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                fields = _stat(entry.name)
                if int(fields[2]) == group and fields[0] != "Z":
                    members.append(int(entry.name))
    return members


def cpu_seconds(group: int) -> float:
    """CPU time used so far by the live processes of a process group (a server and workers)."""
    return sum(cpu_split(group))


def cpu_split(group: int) -> tuple[float, float]:
    """`cpu_seconds` as (user, system): the Python's own work, and the kernel's for it."""
    user = system = 0
    for pid in group_members(group):
        with contextlib.suppress(OSError):
            fields = _stat(pid)
            user, system = user + int(fields[11]), system + int(fields[12])  # utime, stime
    ticks = os.sysconf("SC_CLK_TCK")
    return user / ticks, system / ticks


def workers_rss_mb(server_pid: int) -> list[float]:
    return [round(rss_kb(pid) / 1024, 1) for pid in children(server_pid)]


# --- Servers -------------------------------------------------------------------------------

NGINX_CONF = """\
# Generated by bench/processes.py for one benchmark run.
{user}worker_processes 2;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/nginx-temp/body;
    proxy_temp_path {dir}/nginx-temp/proxy;
    fastcgi_temp_path {dir}/nginx-temp/fastcgi;
    uwsgi_temp_path {dir}/nginx-temp/uwsgi;
    scgi_temp_path {dir}/nginx-temp/scgi;
    types {{ text/html html; }}
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    server {{
        listen 127.0.0.1:{port};
        root {dir}/www;
    }}
}}
"""


def server_environ(bench_db: database.BenchDatabase) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(bench_db.environ())
    env.update({"DEBUG": "false", "STATIC_ROOT": str(STATIC_ROOT)})
    if redis := os.environ.get("BENCH_REDIS_URL"):
        env["REDIS_URL"] = redis
    return env


def start_app(
    processes: Processes,
    env: dict[str, str],
    workers: int,
    app: str = "config.wsgi:application",
    name: str = "granian",
) -> tuple[int, int]:
    port = free_port()
    if app == "config.wsgi:application":
        # As `make serve` runs it.
        command = [str(BIN / "python"), "-m", "config.serve"]
        env = {**env, "HOST": "127.0.0.1", "PORT": str(port), "WEB_WORKERS": str(workers)}
    else:
        command = [
            str(BIN / "granian"),
            *("--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port)),
            *("--workers", str(workers), "--no-ws", app),
        ]
    pid = processes.start(
        name,
        command,
        env=env,
        log=BENCH_DIR / f"{name}.log",
    )
    wait_until_up(port, "/healthz", processes)
    return port, pid


def nginx_user() -> str:
    """The `user` line that keeps nginx's workers as the invoking user.

    Started as root, nginx hands its workers to an unprivileged user (nobody, www-data), who
    cannot read a page under a checkout other users may not enter (a private home, a 0700
    temporary folder): every request would be 403. Started as anyone else, it cannot switch
    users and the directive is only a warning, so it is left out.
    """
    if os.geteuid() != 0:
        return ""
    user = pwd.getpwuid(os.geteuid()).pw_name
    group = grp.getgrgid(os.getegid()).gr_name
    return f"user {user} {group};\n"


def start_nginx(processes: Processes, html: bytes, directory: Path = BENCH_DIR) -> int:
    """nginx serving `html` as /article.html from `directory`/www; its port."""
    (directory / "www").mkdir(parents=True, exist_ok=True)
    (directory / "nginx-temp").mkdir(parents=True, exist_ok=True)
    (directory / "www" / "article.html").write_bytes(html)
    port = free_port()
    conf = directory / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=directory, port=port, user=nginx_user()))
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    error_log = str(directory / "nginx-error.log")
    processes.start(
        "nginx",
        [nginx, "-p", str(directory), "-c", str(conf), "-e", error_log],
        env=dict(os.environ),
        log=directory / "nginx.log",
    )
    wait_until_up(port, "/article.html", processes)
    return port


def redis_cpu_seconds(url: str) -> float:
    """The CPU time Redis has used since it started (INFO cpu); 0 without one.

    The whole server's: other clients of a shared Redis count too.
    """
    if not url:  # BENCH_REDIS_URL="": the embedded setup, no Redis at all
        return 0.0
    import redis

    try:
        info = redis.Redis.from_url(url, socket_connect_timeout=1).info("cpu")
    except redis.RedisError:
        return 0.0
    return float(info["used_cpu_user"]) + float(info["used_cpu_sys"])
