"""A real Redis behind a switch: a TCP relay in front of the local Redis that a test can turn
off, as an outage looks from an app server — connections refused, or accepted and never
answered (a partition, a host gone), and back on again.

khabar/conftest.py makes this the `redis_switch` fixture, with Django's cache pointed at it.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from typing import Literal

Mode = Literal["up", "refusing", "silent"]


class RedisSwitch:
    def __init__(self, upstream: tuple[str, int] = ("127.0.0.1", 6379)) -> None:
        self.upstream = upstream
        self.mode: Mode = "up"
        # Connections the app opened through the switch, whatever became of them.
        self.connections = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, db: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def set(self, mode: Mode) -> None:
        """Change what a connection gets; every one open now is cut, as in an outage."""
        self.mode = mode
        with self._lock:
            for connection in self._open:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
            self._open.clear()

    def close(self) -> None:
        self._closed = True
        self.set("refusing")
        self._listener.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            if self.mode == "refusing":
                client.close()  # the app reads end of file at once, as from a dead server
                continue
            with self._lock:
                self._open.add(client)
            if self.mode == "silent":
                continue  # held open, never answered: the app's socket timeout must end it
            server = socket.create_connection(self.upstream)
            with self._lock:
                self._open.add(server)
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                target.sendall(data)
        for end in (source, target):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
