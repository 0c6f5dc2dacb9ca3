"""GitHub-Pages-like static servers: gzip for text, ETag, Cache-Control, the site under its path.

`serve` is HTTP/1.1 (Python's own server); `serve_http2` is HTTP/2 over TLS, as GitHub Pages
serves (tools/benchmark/h2server.mjs, Node's own http2 module), with a self-signed certificate
made for the run (`make_certificate`) that Chromium is told to trust by its key's hash.
"""

from __future__ import annotations

import base64
import contextlib
import email.utils
import hashlib
import http.server
import json
import mimetypes
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

from scripts.steps.page_html import PAGES_GZIP_LEVEL, gzipped
from tools.benchmark.settings import CACHE_CONTROL, COMPRESSIBLE_TYPES, BenchmarkError


def is_compressible(content_type: str) -> bool:
    return content_type.startswith(COMPRESSIBLE_TYPES)


def gzip_body(raw: bytes) -> bytes:
    """The body as the server (and GitHub Pages) sends it with `Content-Encoding: gzip`."""
    return gzipped(raw)


def content_type_for(path: Path) -> str:
    guessed = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if guessed.startswith("text/") or guessed in ("application/javascript", "image/svg+xml"):
        return f"{guessed}; charset=utf-8"
    return guessed


class PagesLikeHandler(http.server.BaseHTTPRequestHandler):
    """Serves a built site like GitHub Pages: gzip for text, ETag, max-age=600, 404.html, `/dir` -> `/dir/`."""

    protocol_version = "HTTP/1.1"
    site_dir: Path = Path()
    mount: str = "/"
    _bodies: ClassVar[dict[tuple[str, float, bool], tuple[bytes, str]]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def _resolve(self, url_path: str) -> Path | None:
        if not url_path.startswith(self.mount):
            return None
        root = self.site_dir.resolve()
        target = (root / unquote(url_path.removeprefix(self.mount))).resolve()
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


def mount_path(path: str) -> str:
    """`/dry-needling` -> `/dry-needling/`; `` -> `/`."""
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


@contextlib.contextmanager
def serve(site_dir: Path, mount: str = "/") -> Iterator[str]:
    """Serve site_dir on 127.0.0.1 (a free port) under `mount`, over HTTP/1.1; yields the base
    URL (ending in `/`)."""
    mount = mount_path(mount)
    handler = type(
        "SiteHandler", (PagesLikeHandler,), {"site_dir": site_dir, "_bodies": {}, "mount": mount}
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{mount}"
    finally:
        server.shutdown()
        server.server_close()


def _openssl(*arguments: str, data: bytes | None = None) -> bytes:
    if shutil.which("openssl") is None:
        raise BenchmarkError(
            "openssl is missing. The HTTP/2 run makes a certificate with it: "
            "install it (Debian: `apt-get install openssl`)."
        )
    result = subprocess.run(["openssl", *arguments], input=data, capture_output=True, check=False)
    if result.returncode != 0:
        raise BenchmarkError(f"openssl {arguments[0]} failed: {result.stderr.decode()[-1000:]}")
    return result.stdout


def make_certificate(directory: Path) -> tuple[Path, Path, str]:
    """A self-signed certificate for 127.0.0.1, valid for a day: (cert, key, SPKI hash).

    Chromium trusts it by the hash (`--ignore-certificate-errors-spki-list`), nothing else."""
    directory.mkdir(parents=True, exist_ok=True)
    cert, key = directory / "cert.pem", directory / "key.pem"
    _openssl(
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
        "-keyout", str(key), "-out", str(cert),
    )  # fmt: skip
    public_key = _openssl("x509", "-in", str(cert), "-pubkey", "-noout")
    der = _openssl("pkey", "-pubin", "-outform", "der", data=public_key)
    return cert, key, base64.b64encode(hashlib.sha256(der).digest()).decode("ascii")


@contextlib.contextmanager
def serve_http2(site_dir: Path, cert: Path, key: Path, mount: str = "/") -> Iterator[str]:
    """Serve site_dir over HTTP/2 with TLS on 127.0.0.1 (Node's http2); yields the base URL."""
    if shutil.which("node") is None:
        raise BenchmarkError("Node.js is missing; the HTTP/2 server runs on it.")
    mount = mount_path(mount)
    settings = {
        "root": str(site_dir),
        "mount": mount,
        "cert": str(cert),
        "key": str(key),
        "cacheControl": CACHE_CONTROL,
        "compressible": list(COMPRESSIBLE_TYPES),
        "gzipLevel": PAGES_GZIP_LEVEL,
    }
    script = Path(__file__).with_name("h2server.mjs")
    process = subprocess.Popen(
        ["node", str(script), json.dumps(settings)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        if not line.startswith("listening "):
            error = process.stderr.read() if process.stderr else ""
            raise BenchmarkError(f"The HTTP/2 server did not start: {line}{error[-2000:]}")
        yield f"https://127.0.0.1:{int(line.split()[1])}{mount}"
    finally:
        process.terminate()
        process.wait(timeout=10)
