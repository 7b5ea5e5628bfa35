"""Local servers the notices are delivered to: an SMTP server (aiosmtpd) and an HTTP server that
plays the group robot. Both listen on 127.0.0.1 on a free port and stop with the test."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Inbox:
    """What the local SMTP server received: (envelope recipients, raw message bytes)."""

    port: int
    received: list[tuple[list[str], bytes]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # aiosmtpd calls it by this name
        self.received.append((list(envelope.rcpt_tos), bytes(envelope.original_content or envelope.content)))
        return "250 OK"


class SmtpServer:
    """aiosmtpd on a port chosen beforehand, so a test can also find it closed and start it later."""

    def __init__(self, port: int) -> None:
        self.inbox = Inbox(port)
        self.controller: Any = None

    def start(self) -> Inbox:
        from aiosmtpd.controller import Controller

        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.inbox.port)
        self.controller.start()
        return self.inbox

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer(free_port())
    yield server
    server.stop()


@dataclass
class Robot:
    """The group robot: every JSON body posted to it, and the answer it gives."""

    url: str
    posts: list[dict[str, Any]] = field(default_factory=list)
    answer: dict[str, Any] = field(default_factory=lambda: {"errcode": 0, "errmsg": "ok"})


@pytest.fixture
def robot() -> Iterator[Robot]:
    box: dict[str, Robot] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # http.server calls it by this name
            length = int(self.headers.get("Content-Length", "0"))
            box["robot"].posts.append(json.loads(self.rfile.read(length).decode("utf-8")))
            body = json.dumps(box["robot"].answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    box["robot"] = Robot(f"http://127.0.0.1:{server.server_port}/cgi-bin/webhook/send?key=test")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield box["robot"]
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)
