"""A local stand-in for the WeCom and DingTalk robots, and robots configured to post to it."""

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from diaodu.notify.models import WebhookEndpoint

OK = {"errcode": 0, "errmsg": "ok"}


class RobotServer:
    """An HTTP server on 127.0.0.1 that records every request and answers from a script (then 200 ok)."""

    def __init__(self):
        self.requests: list[dict] = []
        self.script: list[tuple[int, object]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                split = urllib.parse.urlsplit(self.path)
                server.requests.append(
                    {
                        "path": split.path,
                        "raw_query": split.query,
                        "query": urllib.parse.parse_qs(split.query),
                        "content_type": self.headers.get("Content-Type"),
                        "json": json.loads(raw),
                    }
                )
                status, body = server.script.pop(0) if server.script else (200, OK)
                data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format, *args):
                pass  # keep the test output clean

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def answer(self, *answers: tuple[int, object]):
        """The next answers, in order: (HTTP status, JSON body or raw text)."""
        self.script.extend(answers)


@pytest.fixture
def robot_server(monkeypatch):
    # A proxy configured on the machine must not stand between urllib and the local server.
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    server = RobotServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def wecom(db, robot_server):
    return WebhookEndpoint.objects.create(
        name="项目调度工作群", kind="wecom", url=f"{robot_server.base_url}/cgi-bin/webhook/send?key=wecom-key"
    )


@pytest.fixture
def dingtalk(db, robot_server):
    return WebhookEndpoint.objects.create(
        name="领导督办群",
        kind="dingtalk",
        url=f"{robot_server.base_url}/robot/send?access_token=ding-token",
        secret="SECdeadbeef0123456789abcdef",
    )


@pytest.fixture
def site_url(settings):
    settings.DIAODU_SITE_URL = "https://diaodu.example.gov.cn/"
    return "https://diaodu.example.gov.cn"


def with_email(user, address: str):
    user.email = address
    user.save(update_fields=["email"])
    return user
