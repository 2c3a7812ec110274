"""A threaded HTTP server on 127.0.0.1 answering from a catalog, with fault injection."""

from __future__ import annotations

import logging
import random
import socket
import threading
import time
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Self

from jobradar.crawler.replay.catalog import Catalog

logger = logging.getLogger(__name__)

# Faults a source can be given: what every request to it then gets.
FAULTS = ("500", "503", "429", "404", "timeout", "reset", "truncate", "garbage")
TIMEOUT_SECONDS = 5.0  # longer than the tests' download timeout, short enough to end


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        logger.debug("replay %s", format % args)

    def do_GET(self) -> None:
        catalog = self.server.catalog
        self.server.requests.append(self.path)
        fault = self.server.faults.get(catalog.source_of(self.path) or "") or self.server.chaos()
        if fault is not None:
            self.server.faults_served += 1
            self._fault(fault)
            return
        recording = catalog.find(self.path)
        if recording is None:
            self._send(404, b'{"error": "not recorded"}', "application/json")
            return
        self._send(200, recording.body(), recording.content_type)

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _fault(self, fault: str) -> None:
        if fault.isdigit():
            self._send(int(fault), b'{"error": "injected fault"}', "application/json")
        elif fault == "timeout":
            time.sleep(TIMEOUT_SECONDS)
            self._send(504, b"", "text/plain")
        elif fault == "reset":
            self.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
            )
            self.connection.close()
        elif fault == "truncate":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b'{"jobs": [{"id": 1, "title": "cut off')
            self.connection.close()
        elif fault == "garbage":
            self._send(200, b"<html>this is not the API you are looking for", "application/json")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    catalog: Catalog
    faults: Mapping[str, str]
    requests: list[str]
    fault_rate: float
    faults_served: int
    random: random.Random
    lock: threading.Lock

    def chaos(self) -> str | None:
        """A fault of any kind for a seeded share (`fault_rate`) of all requests."""
        with self.lock:  # one seeded sequence, whatever the order the threads run in
            if self.random.random() >= self.fault_rate:
                return None
            return self.random.choice(FAULTS)


class ReplayServer:
    """Serves `catalog` on 127.0.0.1 (a free port unless one is given) until stopped.

    `faults` gives a source one fault for every request; `fault_rate` gives a seeded share
    of all requests a fault of any kind (the reliability tests).
    """

    def __init__(
        self,
        catalog: Catalog,
        port: int = 0,
        faults: Mapping[str, str] | None = None,
        *,
        fault_rate: float = 0.0,
        seed: int = 0,
    ) -> None:
        unknown = {fault for fault in (faults or {}).values() if fault not in FAULTS}
        if unknown:
            raise ValueError(f"unknown fault(s) {sorted(unknown)}; known: {', '.join(FAULTS)}")
        self._server = _Server(("127.0.0.1", port), _Handler)
        self._server.catalog = catalog
        self._server.faults = dict(faults or {})
        self._server.requests = []
        self._server.fault_rate = fault_rate
        self._server.faults_served = 0
        self._server.random = random.Random(seed)  # noqa: S311 (seeded test faults, not secrets)
        self._server.lock = threading.Lock()
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def faults_served(self) -> int:
        """How many requests got a fault instead of their answer."""
        return self._server.faults_served

    @property
    def requests(self) -> list[str]:
        """Every request target served so far, in order."""
        return list(self._server.requests)

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()
