"""The staff preview: how long a saved edit takes to show in `mkdocs serve`.

`python -m tools.benchmark.preview [--runs 5] [--page aftercare.md]` copies the project to a
scratch folder, starts the README's serve command there (`mkdocs serve --no-strict`) on a free
port of 127.0.0.1, waits for the first build, then, each run, appends a new sentence to the page
and measures:

- **served**: from the save to the first response of the page's address that holds the new
  sentence (polled every 50 ms; MkDocs holds a request while a build runs, so this is also when
  the browser, reloaded, would get it);
- **reload**: from the save to when MkDocs' livereload long poll (what the browser script waits
  on) answers "reload";
- **CPU**: user + system seconds of the serve process from the save until it is idle again
  (every rebuild the save caused, the Spanish one included);
- **idle**: from the save to the last rebuild's "Reloading browsers" line.

It prints the median of each and one JSON line per run, and the CPU the serve process uses
while it only waits for a save (watching the files). The load average is printed before and
after: the machine is shared, so CPU is the steadier measure.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tools.benchmark.settings import ROOT, BenchmarkError, Json, log

POLL_SECONDS = 0.05
TIMEOUT_SECONDS = 120.0
QUIET_SECONDS = 1.5
IDLE_SECONDS = 10.0  # no new log line for this long after a reload: the serve process is idle
# Not build output or tools' caches; .build-cache/ comes along, as on a staff member's computer.
_IGNORED = shutil.ignore_patterns(".git", ".venv", "site", "__pycache__", "node_modules")
_LIVERELOAD = re.compile(rb"livereload\((\d+), (\d+)\)")
_RELOADING = "Reloading browsers"


@dataclass
class ServeLog:
    """The serve process's log lines with the time each arrived (read on a thread)."""

    lines: list[tuple[float, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def follow(self, stream: Iterable[str]) -> None:
        for raw in stream:
            with self.lock:
                self.lines.append((time.perf_counter(), raw.rstrip("\n")))

    def since(self, start: float) -> list[tuple[float, str]]:
        with self.lock:
            return [(t, line) for t, line in self.lines if t >= start]

    def text(self) -> str:
        with self.lock:
            return "\n".join(line for _, line in self.lines)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def fetch(url: str, timeout: float = TIMEOUT_SECONDS) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return bytes(response.read())
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return b""


def wait_for(condition: Callable[[], bool], what: str, timeout: float = TIMEOUT_SECONDS) -> float:
    """Poll `condition()` every 50 ms; the time it first held."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if condition():
            return time.perf_counter()
        time.sleep(POLL_SECONDS)
    raise BenchmarkError(f"timed out after {timeout:.0f} s waiting for {what}")


@contextmanager
def serving(project: Path, port: int) -> Iterator[tuple[subprocess.Popen[str], ServeLog]]:
    command = [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "-a", f"127.0.0.1:{port}"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    serve_log = ServeLog()
    threading.Thread(target=serve_log.follow, args=(process.stdout,), daemon=True).start()
    try:
        yield process, serve_log
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_until_idle(serve_log: ServeLog, start: float, reloads: int) -> float:
    """Wait for `reloads` "Reloading browsers" lines after `start`, then for the log to go quiet;
    the time of the last reload line."""

    def idle() -> bool:
        lines = serve_log.since(start)
        done = [t for t, line in lines if _RELOADING in line]
        if len(done) < reloads:
            return False
        return time.perf_counter() - lines[-1][0] > QUIET_SECONDS

    wait_for(idle, "the rebuild to finish")
    return max((t for t, line in serve_log.since(start) if _RELOADING in line), default=start)


def one_edit(
    process: subprocess.Popen[str], serve_log: ServeLog, page_file: Path, url: str, run: int
) -> dict[str, float]:
    served_before = fetch(url)
    match = _LIVERELOAD.search(served_before)
    if match is None:
        raise BenchmarkError(f"{url} has no livereload script:\n{serve_log.text()[-2000:]}")
    epoch, request_id = match.groups()
    poll_url = url.split("/", 3)[:3]
    livereload_url = "/".join(poll_url) + f"/livereload/{epoch.decode()}/{request_id.decode()}"
    reload_at: list[float] = []

    def long_poll() -> None:  # what the browser's livereload script does
        while not reload_at:
            answer = fetch(livereload_url, timeout=70)
            if answer and int(answer) > int(epoch):
                reload_at.append(time.perf_counter())

    sentence = f"Preview benchmark sentence number {run} {time.time_ns()}."
    poller = threading.Thread(target=long_poll, daemon=True)
    poller.start()
    time.sleep(0.3)  # the long poll is waiting, as a browser's would be
    cpu_before = cpu_seconds(process.pid)
    with page_file.open("a", encoding="utf-8") as page:
        page.write(f"\n{sentence}\n")
    saved = time.perf_counter()
    served = wait_for(lambda: sentence.encode() in fetch(url), "the new sentence to be served")
    last_reload = wait_until_idle(serve_log, saved, 1)
    cpu = cpu_seconds(process.pid) - cpu_before
    poller.join(timeout=5)
    return {
        "served_s": round(served - saved, 3),
        "reload_s": round(reload_at[0] - saved, 3) if reload_at else float("nan"),
        "idle_s": round(last_reload - saved, 3),
        "cpu_s": round(cpu, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", default="aftercare.md", help="the page in docs/ to edit")
    parser.add_argument("--project", type=Path, default=ROOT, help="the project to copy")
    parser.add_argument("--out", type=Path, default=ROOT, help="where benchmarks/preview.json goes")
    args = parser.parse_args(argv)
    load_at_start = os.getloadavg()
    log(f"load average at start: {', '.join(f'{x:.2f}' for x in load_at_start)}")
    with tempfile.TemporaryDirectory(prefix="preview-bench-") as scratch:
        project = Path(scratch) / "project"
        shutil.copytree(args.project, project, ignore=_IGNORED)
        port = free_port()
        url = f"http://127.0.0.1:{port}/dry-needling/{args.page.removesuffix('.md')}/"
        with serving(project, port) as (process, serve_log):
            started = time.perf_counter()
            wait_for(lambda: b"livereload(" in fetch(url), "the first build")
            wait_until_idle(serve_log, started, 0)
            log(f"first build served after {time.perf_counter() - started:.1f} s")
            idle_cpu = cpu_seconds(process.pid)
            time.sleep(IDLE_SECONDS)  # what watching for saves costs while nothing changes
            idle_cpu = (cpu_seconds(process.pid) - idle_cpu) / IDLE_SECONDS
            log(f"CPU while waiting for a save: {idle_cpu * 1000:.0f} ms per second")
            results = []
            for run in range(1, args.runs + 1):
                result = one_edit(process, serve_log, project / "docs" / args.page, url, run)
                log(json.dumps({"run": run, **result}))
                results.append(result)
    load_at_end = os.getloadavg()
    log(f"load average at end: {', '.join(f'{x:.2f}' for x in load_at_end)}")
    medians = {key: statistics.median(r[key] for r in results) for key in MEASURES}
    for key in MEASURES:
        log(f"median {key}: {medians[key]:.3f} (runs: {[r[key] for r in results]})")
    kept = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "page": args.page,
        "load": [load_at_start, load_at_end],
        "idle_cpu_s_per_s": idle_cpu,
        "runs": results,
        "medians": medians,
        "passed": medians["served_s"] <= PREVIEW_BAR_SECONDS,
    }
    (args.out / "benchmarks").mkdir(parents=True, exist_ok=True)
    (args.out / "benchmarks" / "preview.json").write_text(
        json.dumps(kept, indent=1) + "\n", encoding="utf-8"
    )
    return 0


MEASURES = ("served_s", "reload_s", "idle_s", "cpu_s")
PREVIEW_BAR_SECONDS = 1.0  # issue 18: a saved edit shown within 1 s
PREVIEW_BAR = f"Preview: a saved edit shown within {PREVIEW_BAR_SECONDS:g} s (median)"


def preview_markdown(preview: Json) -> list[str]:
    """BENCHMARKS.md's section on the last preview run (benchmarks/preview.json)."""
    from tools.benchmark.report import markdown_table, verdict

    start, end = (", ".join(f"{value:.1f}" for value in load) for load in preview["load"])
    rows = [
        [
            str(number),
            f"{run['served_s']:.2f} s",
            f"{run['reload_s']:.2f} s",
            f"{run['cpu_s']:.2f} s",
        ]
        for number, run in enumerate(preview["runs"], 1)
    ]
    medians = preview["medians"]
    rows.append(
        [
            "**median**",
            f"**{medians['served_s']:.2f} s**",
            f"{medians['reload_s']:.2f} s",
            f"{medians['cpu_s']:.2f} s",
        ]
    )
    return [
        "## The preview (`mkdocs serve`)",
        "",
        (
            f"`python -m tools.benchmark.preview`, {preview['date']}: a sentence added to "
            f"`docs/{preview['page']}` and saved, in the README's `mkdocs serve --no-strict` on "
            "a copy of the project (with its `.build-cache/`). Served: from the save to the "
            "page's address on 127.0.0.1 serving the new sentence (polled every 50 ms). "
            'Reload: to MkDocs\' livereload long poll answering "reload". CPU: user + system '
            f"of the serve process for the save. Load average {start} at the start and {end} "
            f"at the end. Waiting for a save costs {preview['idle_cpu_s_per_s'] * 1000:.0f} ms "
            "CPU a second."
        ),
        "",
        markdown_table(("Save", "Served", "Reload", "CPU"), rows),
        "",
        f"{PREVIEW_BAR}: {verdict(preview['passed'])}.",
        "",
    ]


if __name__ == "__main__":
    sys.exit(main())
