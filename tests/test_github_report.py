"""Problems on GitHub (scripts/github_report.py): annotations on the line and the job summary."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from scripts import github_report
from scripts.github_report import escape_data, escape_property, workflow_command
from scripts.problems import Problem, report

BROKEN_LINK = Problem(
    "docs/aftercare.md",
    16,
    "link aftercar.md points to a page that does not exist (aftercar.md). Did you mean aftercare.md?",
)


def test_escaping_follows_githubs_workflow_command_rules() -> None:
    assert escape_data("100% safe\r\nnext") == "100%25 safe%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_an_error_is_an_annotation_on_its_line() -> None:
    assert workflow_command(BROKEN_LINK) == (
        "::error file=docs/aftercare.md,line=16,"
        "title=link aftercar.md points to a page that does not exist (aftercar.md)"
        "::link aftercar.md points to a page that does not exist (aftercar.md). Did you mean aftercare.md?"
    )


def test_a_notice_is_a_warning_that_does_not_fail() -> None:
    notice = Problem(
        "docs/a.md", 5, "this page is due for review in 30 days: 50%, soon. Ask.", "notice"
    )
    assert workflow_command(notice).startswith(
        "::warning file=docs/a.md,line=5,title=this page is due for review in 30 days%3A 50%25::"
    )


def test_messages_with_newlines_stay_one_command() -> None:
    command = workflow_command(Problem("docs/a.md", 0, "first\nsecond. Fix it."))
    assert "\n" not in command and ",line=1," in command  # GitHub needs a line of at least 1


def _report(env: dict[str, str]) -> tuple[list[str], list[str]]:
    """What the hook's report() does with an error and a notice."""
    warned: list[str] = []
    informed: list[str] = []
    problems = [BROKEN_LINK, Problem("docs/b.md", 5, "due soon. Ask.", "notice")]
    report(problems, warned.append, informed.append, env)
    return warned, informed


def test_outside_github_only_the_log_lines(capsys: pytest.CaptureFixture[str]) -> None:
    warned, informed = _report({})
    assert warned == [str(BROKEN_LINK)]
    assert informed == ["docs/b.md:5: due soon. Ask."]
    assert capsys.readouterr().out == ""


def test_under_github_annotations_and_a_summary_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    warned, _ = _report(env)
    assert warned == [str(BROKEN_LINK)]  # the log is unchanged
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("::error file=docs/aftercare.md,line=16,title=")
    assert out[1].startswith("::warning file=docs/b.md,line=5,")
    text = summary.read_text(encoding="utf-8")
    assert text.count("| File | Line |") == 1  # one header, however many problems
    assert "| ❌ Must fix | `docs/aftercare.md` | 16 | link aftercar.md points" in text
    assert "| 🔔 Heads-up | `docs/b.md` | 5 | due soon. Ask. |" in text
    github_report.finish(env, "failure", github_report.Preview(github_report.PREVIEW_HELP))
    text = summary.read_text(encoding="utf-8")
    assert "Fix each problem marked “Must fix” above" in text
    assert "Artifacts" in text and "All checks passed" not in text


def test_a_pipe_in_a_message_does_not_break_the_table(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    github_report.publish(Problem("docs/a.md", 3, "add | --- | under it. Fix."), env, io.StringIO())
    assert "add \\| --- \\| under it. Fix. |" in summary.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("outcome", "rows", "says"),
    [
        ("success", False, "All checks passed."),
        ("success", True, "The heads-up notes above do not stop this pull request."),
        ("failure", True, "Fix each problem"),
        ("failure", False, "The build stopped before the page checks could run"),
    ],
)
def test_the_summary_ends_with_a_verdict(
    tmp_path: Path, outcome: str, rows: bool, says: str
) -> None:
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    if rows:
        github_report.publish(Problem("docs/a.md", 5, "due. Ask.", "notice"), env, io.StringIO())
    github_report.finish(env, outcome, github_report.Preview(pdf_url="https://example.com/pdf"))
    assert says in summary.read_text(encoding="utf-8")


def test_the_command_line_writes_the_closing_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert (
        github_report.main(
            ["finish", "--outcome", "success", "--preview", "--pdf-url", "https://x/1"]
        )
        == 0
    )
    text = summary.read_text(encoding="utf-8")
    assert "All checks passed." in text
    assert "[Open the handout PDF](https://x/1)" in text
    assert "site-preview" in text


def test_strict_build_under_github_actions_annotates_each_problem(tmp_path: Path) -> None:
    """A real `mkdocs build --strict` of a broken fixture, as the pull-request workflow runs it."""
    from conftest import build_site
    from test_safety_net import BODY_TEXT, FIXTURE_TODAY, INDEX, LAST_LINE, make_project

    project = make_project(tmp_path / "project")
    page = project / INDEX
    page.write_text(
        page.read_text(encoding="utf-8").replace(BODY_TEXT, "TODO: it is 100% safe."),
        encoding="utf-8",
    )
    summary = tmp_path / "summary.md"
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(summary),
        "SITE_CHECKS_TODAY": FIXTURE_TODAY,
    }
    result = build_site(project, tmp_path / "site", env=env)
    assert result.returncode != 0
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(commands) == 2, result.stdout + result.stderr
    assert commands[0].startswith(
        f"::error file={INDEX},line={LAST_LINE},title=the page still has a note that the text is "
        "not finished ('TODO')::the page still has a note"
    )
    assert commands[1].startswith(
        f"::error file={INDEX},line={LAST_LINE},title='100%25 safe' promises absolute safety"
    )
    # The log staff read outside GitHub is unchanged.
    assert f"WARNING -  {INDEX}:{LAST_LINE}: the page still has a note" in result.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.count("| ❌ Must fix |") == 2


def test_the_full_suite_summary_says_where_to_look() -> None:
    assert "All checks passed" in github_report.closing_text("success", False, suite=True)
    failed = github_report.closing_text("failure", False, suite=True)
    assert "Content checks" in failed and "FAILED" in failed


def test_a_build_that_could_not_read_mkdocs_yml_is_annotated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nnav:\n\t- Home: index.md\n", encoding="utf-8")
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    github_report.finish(env, "failure", config=config)
    assert capsys.readouterr().out.startswith("::error file=mkdocs.yml,line=3,title=mkdocs.yml")
    text = summary.read_text(encoding="utf-8")
    assert "| ❌ Must fix | `mkdocs.yml` | 3 |" in text and "Fix each problem" in text
