"""A small Slack Web API stand-in on 127.0.0.1 for tests: records every request, answers like Slack.

Knows one channel (``#briefing``, id ``C0BRIEFING``) and one token. Scripted faults per API method,
consumed in order: ``("status", 429, {"Retry-After": "1"})``, ``("status", 500)``, ``("error", "invalid_auth")``,
``("drop",)`` (record the call and do its work, then close the connection without answering), and
``("delay", seconds)`` (do the work, answer late).
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

TOKEN = "xoxb-test-token-not-real"
CHANNELS = {"briefing": "C0BRIEFING"}


@dataclass
class Call:
    method: str
    body: dict
    headers: dict
    raw: bytes
    at: float = field(default_factory=time.monotonic)  # when the request arrived


@dataclass
class SlackStandIn:
    server: ThreadingHTTPServer | None = None
    calls: list[Call] = field(default_factory=list)
    faults: dict[str, deque] = field(default_factory=lambda: defaultdict(deque))
    messages: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    uploads: list[dict] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    record_lock: threading.Lock = field(default_factory=threading.Lock)
    _ts: float = 0.0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/"

    def fail(self, method: str, *faults: tuple) -> None:
        self.faults[method].extend(faults)

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    @property
    def posts(self) -> list[Call]:
        return self.calls_to("chat.postMessage")

    def next_ts(self) -> str:
        with self.lock:  # like Slack: the epoch time of the post, unique per message
            self._ts = max(time.time(), self._ts + 0.000001)
            return f"{self._ts:.6f}"

    # ------------------------------------------------------------ the API

    def answer(self, method: str, body: dict, headers: dict) -> dict:
        if method.startswith("upload/"):
            self.uploads.append({"file_id": method.split("/", 1)[1], "bytes": len(body.get("_raw", b""))})
            return {"ok": True}
        if headers.get("authorization") != f"Bearer {TOKEN}":
            return {"ok": False, "error": "invalid_auth"}
        if method == "chat.postMessage":
            channel = self._channel(body.get("channel", ""))
            if channel is None:
                return {"ok": False, "error": "channel_not_found"}
            ts = self.next_ts()
            metadata = body.get("metadata")
            if isinstance(metadata, str):
                metadata = json.loads(metadata)
            self.messages[channel].append({"ts": ts, "text": body.get("text"), "metadata": metadata})
            return {"ok": True, "channel": channel, "ts": ts, "message": {"text": body.get("text")}}
        if method == "conversations.list":
            return {"ok": True, "channels": [{"id": cid, "name": name} for name, cid in CHANNELS.items()],
                    "response_metadata": {"next_cursor": ""}}
        if method == "conversations.history":
            channel = self._channel(body.get("channel", ""))
            if channel is None:
                return {"ok": False, "error": "channel_not_found"}
            oldest = float(body.get("oldest") or 0)
            with_meta = str(body.get("include_all_metadata")) in {"1", "true", "True"}
            found = [dict(m) if with_meta else {k: v for k, v in m.items() if k != "metadata"}
                     for m in reversed(self.messages[channel]) if float(m["ts"]) > oldest]
            return {"ok": True, "messages": found, "has_more": False}
        if method == "files.getUploadURLExternal":
            file_id = f"F{len(self.uploads) + len(self.calls_to(method)):06d}"
            port = self.server.server_address[1]
            return {"ok": True, "file_id": file_id, "upload_url": f"http://127.0.0.1:{port}/upload/{file_id}"}
        if method == "files.completeUploadExternal":
            files = body.get("files")
            if isinstance(files, str):
                files = json.loads(files)
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files or []]}
        if method == "auth.test":
            return {"ok": True, "user_id": "UBOT", "team": "test"}
        return {"ok": False, "error": "unknown_method"}

    def _channel(self, channel: str) -> str | None:
        name = channel.lstrip("#")
        if name in CHANNELS.values():
            return name
        return CHANNELS.get(name)


def _handler(standin: SlackStandIn):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # quiet
            pass

        def do_GET(self):
            self.do_POST()

        def do_POST(self):
            parts = urlsplit(self.path)
            method = parts.path.removeprefix("/api/").lstrip("/")
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body: dict = dict(parse_qsl(parts.query))
            kind = self.headers.get("Content-Type", "")
            if method.startswith("upload/"):
                body["_raw"] = raw
            elif "json" in kind and raw:
                body.update(json.loads(raw))
            elif "x-www-form-urlencoded" in kind and raw:
                body.update(parse_qsl(raw.decode()))
            elif raw:
                body["_raw"] = raw
            headers = {k.lower(): v for k, v in self.headers.items()}
            with standin.record_lock:
                standin.calls.append(Call(method, {k: v for k, v in body.items() if k != "_raw"}, headers, raw))
                fault = standin.faults[method].popleft() if standin.faults[method] else None
            if fault and fault[0] == "status":
                self._send(fault[1], {"ok": False, "error": "ratelimited" if fault[1] == 429 else "server_error"},
                           fault[2] if len(fault) > 2 else {})
                return
            if fault and fault[0] == "error":
                self._send(200, {"ok": False, "error": fault[1]})
                return
            result = standin.answer(method, body, headers)
            if fault and fault[0] == "drop":
                self.close_connection = True
                self.connection.shutdown(2)
                return
            if fault and fault[0] == "delay":
                time.sleep(fault[1])
            self._send(200, result)

        def _send(self, status: int, payload: dict, extra: dict | None = None):
            data = json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for key, value in (extra or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


def start() -> SlackStandIn:
    standin = SlackStandIn()
    standin.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(standin))
    standin.server.daemon_threads = True
    threading.Thread(target=standin.server.serve_forever, daemon=True).start()
    return standin


def stop(standin: SlackStandIn) -> None:
    standin.server.shutdown()
    standin.server.server_close()
