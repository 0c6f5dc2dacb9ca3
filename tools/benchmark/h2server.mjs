// HTTP/2 over TLS, the way GitHub Pages serves: gzip for text, ETag, Cache-Control, 404.html,
// `/dir` -> `/dir/`, the site mounted under its path. Node's own http2 module: no download.
// Started by tools/benchmark/server.py, which passes every setting (one place for them):
//   node h2server.mjs '{"root": ..., "mount": "/dry-needling/", "cert": ..., "key": ...,
//                       "cacheControl": ..., "compressible": [...], "gzipLevel": 6}'
// Prints `listening PORT` once it accepts connections.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import http2 from "node:http2";
import path from "node:path";
import zlib from "node:zlib";

const settings = JSON.parse(process.argv[2]);
const root = path.resolve(settings.root);
const bodies = new Map();

const TYPES = {
  ".html": "text/html", ".css": "text/css", ".js": "application/javascript",
  ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml",
  ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp",
  ".ico": "image/x-icon", ".pdf": "application/pdf", ".txt": "text/plain",
  ".webmanifest": "application/manifest+json", ".woff2": "font/woff2", ".gz": "application/gzip",
};

function contentType(file) {
  const type = TYPES[path.extname(file).toLowerCase()] || "application/octet-stream";
  return type.startsWith("text/") || type === "application/javascript" || type === "image/svg+xml"
    ? `${type}; charset=utf-8` : type;
}

function resolve(urlPath) {
  if (!urlPath.startsWith(settings.mount)) return null;
  const relative = decodeURIComponent(urlPath.slice(settings.mount.length));
  const target = path.resolve(root, relative);
  return target === root || target.startsWith(root + path.sep) ? target : null;
}

function isFile(file) {
  try { return statSync(file).isFile(); } catch { return false; }
}

function isDir(file) {
  try { return statSync(file).isDirectory(); } catch { return false; }
}

function body(file, gzip) {
  const key = `${file}\0${statSync(file).mtimeMs}\0${gzip}`;
  if (!bodies.has(key)) {
    const raw = readFileSync(file);
    const digest = createHash("sha1").update(raw).digest("hex");
    bodies.set(key, gzip
      ? [zlib.gzipSync(raw, { level: settings.gzipLevel }), `W/"${digest}"`]
      : [raw, `"${digest}"`]);
  }
  return bodies.get(key);
}

const server = http2.createSecureServer({
  cert: readFileSync(settings.cert),
  key: readFileSync(settings.key),
});

server.on("stream", (stream, headers) => {
  const urlPath = (headers[":path"] || "/").split("?")[0];
  let target = resolve(urlPath);
  if (target && isDir(target)) {
    if (!urlPath.endsWith("/")) {
      stream.respond({ ":status": 301, location: urlPath + "/" });
      stream.end();
      return;
    }
    target = path.join(target, "index.html");
  }
  const head = headers[":method"] === "HEAD";
  if (!target || !isFile(target)) {
    const notFound = path.join(root, "404.html");
    stream.respond({ ":status": 404, "content-type": "text/html; charset=utf-8" });
    stream.end(head ? undefined : isFile(notFound) ? readFileSync(notFound) : "Not found");
    return;
  }
  const type = contentType(target);
  const compressible = settings.compressible.some((prefix) => type.startsWith(prefix));
  const gzip = compressible && /\bgzip\b/.test(headers["accept-encoding"] || "");
  const [data, etag] = body(target, gzip);
  const response = {
    "content-type": type,
    "cache-control": settings.cacheControl,
    etag,
    "last-modified": statSync(target).mtime.toUTCString(),
  };
  if (compressible) response.vary = "Accept-Encoding";
  if (gzip) response["content-encoding"] = "gzip";
  if (headers["if-none-match"] === etag) {
    stream.respond({ ...response, ":status": 304 });
    stream.end();
    return;
  }
  stream.respond({ ...response, ":status": 200, "content-length": data.length });
  stream.end(head ? undefined : data);
});
server.on("sessionError", () => {});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
