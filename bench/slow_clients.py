"""Soak: does the site keep answering while slow clients hold connections open?

Starts the production server as `make serve` does, opens SLOW connections that send their
request headers one line per second and never finish (a "slowloris"), and meanwhile asks
for /healthz every half second as a normal reader would. Prints the normal requests'
worst time and how many slow connections the server closed on its own (its header-read
timeout), and fails if a normal request took longer than LIMIT seconds.

    make soak                      # 64 slow connections for 20 s
    SLOW=256 SECONDS=60 make soak
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench.processes import Processes, free_port, wait_until_up

LIMIT = 2.0


@dataclass
class Result:
    normal_requests: int
    normal_failures: int
    worst_seconds: float
    slow_closed_by_server: int
    slow_total: int

    @property
    def ok(self) -> bool:
        return self.normal_failures == 0 and self.worst_seconds < LIMIT


def _get(port: int, timeout: float) -> float:
    """Seconds one GET /healthz took; raises on no answer."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        reply = b""
        while chunk := conn.recv(65536):
            reply += chunk
    if not reply.startswith(b"HTTP/1.1 200"):
        raise OSError(f"unexpected answer {reply[:40]!r}")
    return time.monotonic() - started


def _slow_client(port: int, stop: threading.Event, closed: list[int]) -> None:
    try:
        conn = socket.create_connection(("127.0.0.1", port), timeout=5)
    except OSError:
        return
    with conn:
        conn.settimeout(0.05)
        with contextlib.suppress(OSError):
            conn.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        number = 0
        while not stop.wait(1.0):
            number += 1
            try:
                conn.sendall(f"X-Slow-{number}: x\r\n".encode())
                if conn.recv(1024) == b"":
                    closed.append(1)
                    return
            except TimeoutError:
                continue
            except OSError:
                closed.append(1)
                return


def soak(slow: int = 64, seconds: float = 20.0, env: dict[str, str] | None = None) -> Result:
    port = free_port()
    processes = Processes()
    with tempfile.TemporaryDirectory() as var:
        server_env = {
            **os.environ,
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "DEBUG": "false",
            "DATABASE_URL": "",
            "REDIS_URL": "",
            "KHABAR_VAR_DIR": var,
            "SECRET_KEY": "soak-only-" + "x" * 50,
            **(env or {}),
        }
        command = [sys.executable, "-m", "config.serve"]
        processes.start("server", command, env=server_env, log=Path(var) / "server.log")
        try:
            wait_until_up(port, "/healthz", processes)
            stop = threading.Event()
            closed: list[int] = []
            clients = [
                threading.Thread(target=_slow_client, args=(port, stop, closed), daemon=True)
                for _ in range(slow)
            ]
            for client in clients:
                client.start()
            time.sleep(1.0)  # let them all connect and start dribbling
            times: list[float] = []
            failures = 0
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                try:
                    times.append(_get(port, 30))
                except OSError:
                    failures += 1
                time.sleep(0.5)
            stop.set()
            for client in clients:
                client.join(timeout=5)
            return Result(
                len(times) + failures, failures, max(times, default=0.0), len(closed), slow
            )
        finally:
            processes.stop_all()


def main() -> int:
    slow = int(os.environ.get("SLOW", "64"))
    seconds = float(os.environ.get("SECONDS", "20"))
    result = soak(slow, seconds)
    print(
        f"{result.slow_total} slow connections for {seconds:.0f} s: "
        f"{result.normal_requests} normal requests, {result.normal_failures} failed, "
        f"worst {result.worst_seconds:.3f} s (limit {LIMIT:.0f} s); "
        f"{result.slow_closed_by_server} slow connections closed by the server"
    )
    print("PASS" if result.ok else "FAIL")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
