"""Problems on GitHub: an annotation on the line in the pull request, and a row in the job summary.

Only under GitHub Actions (`GITHUB_ACTIONS=true`); elsewhere nothing here prints anything.
Annotations are workflow commands (`::error file=…,line=…,title=…::message`) printed to
stdout; the summary is Markdown appended to the file named by `GITHUB_STEP_SUMMARY`.

`python -m scripts.github_report finish --outcome success` ends the summary once the build
is over: "All checks passed", or what to do next, and how to look at the preview.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from scripts.problems import Problem

SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY"
MARKER = "<!-- site-checks: problems -->"
HEADER = (
    f"{MARKER}\n"
    "## Problems the site checks found\n\n"
    "Each one is also shown on its line under **Files changed**.\n\n"
    "| | File | Line | What is wrong, and how to fix it |\n"
    "| --- | --- | --- | --- |\n"
)
KIND = {"error": "❌ Must fix", "notice": "🔔 Heads-up"}


def on_github(environ: Mapping[str, str]) -> bool:
    return environ.get("GITHUB_ACTIONS") == "true"


def escape_data(text: str) -> str:
    """A workflow command's message, as GitHub's docs say: %, CR and LF escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value (file, title): also : and , escaped."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def title(problem: Problem) -> str:
    """A short title: the first part of 'what is wrong' (up to its first comma or full stop)."""
    first = re.split(r"[.,;] ", problem.message, maxsplit=1)[0].rstrip(".")
    return first if len(first) <= 90 else first[:87].rstrip() + "..."


def workflow_command(problem: Problem) -> str:
    """`::error file=docs/aftercare.md,line=16,title=…::…`; a notice becomes a `::warning`,
    which GitHub shows in yellow and which never fails a check."""
    command = "error" if problem.severity == "error" else "warning"
    properties = ",".join(
        f"{key}={escape_property(value)}"
        for key, value in (
            ("file", problem.path),
            ("line", str(max(problem.line, 1))),
            ("title", title(problem)),
        )
    )
    return f"::{command} {properties}::{escape_data(problem.message)}"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def summary_row(problem: Problem) -> str:
    return (
        f"| {KIND[problem.severity]} | `{_cell(problem.path)}` | {max(problem.line, 1)} "
        f"| {_cell(problem.message)} |\n"
    )


def _append(file: str, text: str) -> None:
    with Path(file).open("a", encoding="utf-8") as summary:
        summary.write(text)


def _has_rows(file: str) -> bool:
    path = Path(file)
    return path.is_file() and MARKER in path.read_text(encoding="utf-8")


def publish(problem: Problem, environ: Mapping[str, str], out: TextIO | None = None) -> None:
    """Under GitHub Actions: the annotation, and the problem's row in the job summary."""
    if not on_github(environ):
        return
    stream = out or sys.stdout
    stream.write(workflow_command(problem) + "\n")
    stream.flush()
    summary = environ.get(SUMMARY_VARIABLE)
    if summary:
        _append(summary, ("" if _has_rows(summary) else HEADER) + summary_row(problem))


SUITE_FAILED = (
    "❌ **A test in the full suite failed.** Problems in pages are also shown, with their line, "
    "by the **Content checks** job. If that job is green, click the red step "
    "“Run the whole test suite” below and look for lines that start with `FAILED`; CONTRIBUTING.md "
    "(“Messages from the trust checks”) says what they mean."
)


@dataclass(frozen=True)
class Preview:
    """How to look at the built site and the handout: the help text and the artifacts' links."""

    help: str = ""
    pdf_url: str = ""
    site_url: str = ""


def closing_text(
    outcome: str, had_rows: bool, preview: Preview = Preview(), suite: bool = False
) -> str:
    """The end of the summary: the verdict in plain words, then how to see the preview.
    `suite`: the summary of the full test suite (accessibility, privacy, links, the PDF)."""
    if suite:
        verdict = (
            "✅ **All checks passed**: the whole test suite (accessibility, privacy, links, the handout)."
            if outcome == "success"
            else SUITE_FAILED
        )
    elif outcome == "success":
        verdict = "✅ **All checks passed.**"
        if had_rows:
            verdict += " The heads-up notes above do not stop this pull request."
    elif had_rows:
        verdict = (
            "❌ **Fix each problem marked “Must fix” above**, in the file and line named. "
            "Commit the fix to the same branch: the checks run again by themselves."
        )
    else:
        verdict = (
            "❌ **The build stopped before the page checks could run.** This is often a mistake "
            "in `mkdocs.yml` (an indent or a tab). Click the red step below to read the message."
        )
    text = f"\n{verdict}\n"
    if preview.help:
        text += (
            "\n### Look at your change before it is published\n\n"
            f"{preview.help}\n"
            + (f"\n- [Open the handout PDF]({preview.pdf_url})\n" if preview.pdf_url else "")
            + (
                f"- [Download the whole site (zip)]({preview.site_url})\n"
                if preview.site_url
                else ""
            )
        )
    return text


def finish(
    environ: Mapping[str, str],
    outcome: str,
    preview: Preview = Preview(),
    suite: bool = False,
    config: Path | None = None,
) -> str:
    """Append the closing text to the job summary (if there is one) and return it.
    `config`: mkdocs.yml, reported on its line if a failed build could not read it."""
    summary = environ.get(SUMMARY_VARIABLE, "")
    if outcome == "failure" and config is not None and not (summary and _has_rows(summary)):
        from scripts.checks.content_checks import check_config_readable

        for problem in check_config_readable(config.name, config.read_text(encoding="utf-8")):
            publish(problem, environ)
    text = closing_text(outcome, bool(summary) and _has_rows(summary), preview, suite)
    if summary:
        _append(summary, text)
    return text


PREVIEW_HELP = (
    "At the bottom of the **Summary** page of this run, under **Artifacts**: "
    "`trigger-point-dry-needling-handout.pdf` opens the handout in your browser, and "
    "`site-preview` is the whole site as a zip file: download it, unzip it (double-click), "
    "then open `index.html` in your browser. The links below open them too."
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    sub = parser.add_subparsers(dest="command", required=True)
    end = sub.add_parser("finish", help="end the job summary")
    end.add_argument(
        "--outcome", choices=("success", "failure", "cancelled", "skipped"), required=True
    )
    end.add_argument("--preview", action="store_true", help="say how to look at the preview")
    end.add_argument("--pdf-url", default="")
    end.add_argument("--site-url", default="")
    end.add_argument("--suite", action="store_true", help="the full test suite's summary")
    end.add_argument("--config", type=Path, help="mkdocs.yml, checked when the build failed")
    args = parser.parse_args(argv)
    preview = Preview(PREVIEW_HELP if args.preview else "", args.pdf_url, args.site_url)
    text = finish(os.environ, args.outcome, preview, args.suite, args.config)
    if not os.environ.get(SUMMARY_VARIABLE):
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
