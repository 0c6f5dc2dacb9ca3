"""A GitHub-Pages-like static server: gzip for text, ETag, Cache-Control."""

from __future__ import annotations

import contextlib
import email.utils
import gzip
import hashlib
import http.server
import mimetypes
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

from tools.benchmark.settings import CACHE_CONTROL, COMPRESSIBLE_TYPES, GZIP_LEVEL


def is_compressible(content_type: str) -> bool:
    return content_type.startswith(COMPRESSIBLE_TYPES)


def gzip_body(raw: bytes) -> bytes:
    """The body as the server (and GitHub Pages) sends it with `Content-Encoding: gzip`."""
    return gzip.compress(raw, compresslevel=GZIP_LEVEL, mtime=0)


def content_type_for(path: Path) -> str:
    guessed = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if guessed.startswith("text/") or guessed in ("application/javascript", "image/svg+xml"):
        return f"{guessed}; charset=utf-8"
    return guessed


class PagesLikeHandler(http.server.BaseHTTPRequestHandler):
    """Serves a built site like GitHub Pages: gzip for text, ETag, max-age=600, 404.html, `/dir` -> `/dir/`."""

    protocol_version = "HTTP/1.1"
    site_dir: Path = Path()
    _bodies: ClassVar[dict[tuple[str, float, bool], tuple[bytes, str]]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def _resolve(self, url_path: str) -> Path | None:
        root = self.site_dir.resolve()
        target = (root / unquote(url_path).lstrip("/")).resolve()
        if target != root and root not in target.parents:
            return None
        return target

    def _respond(self, *, send_body: bool) -> None:
        url_path = urlsplit(self.path).path
        target = self._resolve(url_path)
        if target is not None and target.is_dir():
            if not url_path.endswith("/"):
                self._send(301, b"", {"Location": url_path + "/"}, send_body=send_body)
                return
            target = target / "index.html"
        if target is None or not target.is_file():
            not_found = self.site_dir / "404.html"
            body = not_found.read_bytes() if not_found.is_file() else b"Not found"
            self._send(404, body, {"Content-Type": "text/html; charset=utf-8"}, send_body=send_body)
            return
        content_type = content_type_for(target)
        gzip_ok = is_compressible(content_type) and "gzip" in self.headers.get(
            "Accept-Encoding", ""
        )
        body, etag = self._body(target, gzip_ok)
        headers = {
            "Content-Type": content_type,
            "Cache-Control": CACHE_CONTROL,
            "ETag": etag,
            "Last-Modified": email.utils.formatdate(target.stat().st_mtime, usegmt=True),
        }
        if is_compressible(content_type):
            headers["Vary"] = "Accept-Encoding"
        if gzip_ok:
            headers["Content-Encoding"] = "gzip"
        if self.headers.get("If-None-Match") == etag:
            self._send(304, b"", headers, send_body=False)
            return
        self._send(200, body, headers, send_body=send_body)

    def _body(self, target: Path, gzip_ok: bool) -> tuple[bytes, str]:
        key = (str(target), target.stat().st_mtime, gzip_ok)
        with self._lock:
            cached = self._bodies.get(key)
        if cached is None:
            raw = target.read_bytes()
            digest = hashlib.sha1(raw, usedforsecurity=False).hexdigest()
            if gzip_ok:
                cached = (gzip_body(raw), f'W/"{digest}"')
            else:
                cached = (raw, f'"{digest}"')
            with self._lock:
                self._bodies[key] = cached
        return cached

    def _send(self, status: int, body: bytes, headers: dict[str, str], *, send_body: bool) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body) if status != 304 else 0))
        self.end_headers()
        if send_body and status != 304:
            self.wfile.write(body)


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve site_dir on 127.0.0.1 (a free port); yields the base URL ending in `/`."""
    handler = type("SiteHandler", (PagesLikeHandler,), {"site_dir": site_dir, "_bodies": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
