"""Clinic facts come from mkdocs.yml; unknown placeholders stop the build with file and line."""

from __future__ import annotations

from pathlib import Path

from conftest import build_site

from scripts.clinic import Clinic
from scripts.steps.placeholders import body_start_line, fill_placeholders, include_shared_text

CLINIC = Clinic(
    name="Example PT", phone="(541) 555-0142", email="a@b.org", booking_url="https://x.test/book"
)


def clinic_values(clinic: Clinic) -> dict[str, str]:
    return clinic.placeholder_values()


def test_known_placeholders_are_filled() -> None:
    text, problems = fill_placeholders(
        "Call {{ clinic.phone }} or {{clinic.phone_link}}.", clinic_values(CLINIC), "docs/x.md"
    )
    assert text == "Call (541) 555-0142 or [(541) 555-0142](tel:+15415550142)."
    assert problems == []


def test_unknown_placeholder_names_file_and_line() -> None:
    markdown = "# Title\n\nLine three\nCall {{ clinic.fax }} today.\n"
    text, problems = fill_placeholders(markdown, clinic_values(CLINIC), "docs/x.md", first_line=6)
    assert "{{ clinic.fax }}" in text
    assert [str(problem).split(" Use one of")[0] for problem in problems] == [
        "docs/x.md:9: unknown placeholder '{{ clinic.fax }}'."
    ]
    assert "{{ clinic.phone }}" in problems[0].message


def test_body_start_line_counts_front_matter() -> None:
    source = "---\ntitle: A\n---\n\n# Body\n"
    assert body_start_line(source, "# Body\n") == 5
    assert body_start_line("no front matter", "something else") == 1


def test_build_fails_on_unknown_placeholder(scratch_project: Path) -> None:
    page = scratch_project / "docs" / "contact.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.append("Fax us on {{ clinic.fax }}.")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = build_site(scratch_project, scratch_project / "site")
    assert result.returncode != 0
    assert (
        f"docs/contact.md:{len(lines)}: unknown placeholder '{{{{ clinic.fax }}}}'"
        in result.stderr + result.stdout
    )
    assert "Traceback" not in result.stderr


def test_shared_text_is_included_with_its_placeholders_filled(tmp_path: Path) -> None:
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "box.md").write_text(
        '!!! note "Call"\n\n    Call {{ clinic.phone_link }}.\n', encoding="utf-8"
    )
    markdown = 'Intro.\n\n--8<-- "includes/box.md"\n\n  --8<-- "includes/box.md"\n\nEnd.\n'
    text, problems = include_shared_text(markdown, clinic_values(CLINIC), tmp_path)
    assert problems == []
    assert "--8<--" not in text
    assert text.count("Call [(541) 555-0142](tel:+15415550142).") == 2
    assert '\n  !!! note "Call"\n\n      Call [' in text  # an indented include keeps its indent


def test_shared_text_problems_name_the_included_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "box.md").write_text(
        "Line one.\n\nFax {{ clinic.fax }}.\n", encoding="utf-8"
    )
    missing = '--8<-- "includes/nope.md"'
    text, problems = include_shared_text(
        f'--8<-- "includes/box.md"\n\n{missing}\n', clinic_values(CLINIC), tmp_path
    )
    assert [str(p).split(" Use one of")[0] for p in problems] == [
        "includes/box.md:3: unknown placeholder '{{ clinic.fax }}'."
    ]
    assert missing in text  # left for the safety net, which reports missing files


def test_state_board_link_comes_from_the_state_settings() -> None:
    values = clinic_values(
        Clinic.from_config({"state": "Oregon", "state_board_url": "https://example.org/boards"})
    )
    assert values["clinic.state"] == "Oregon"
    assert (
        values["clinic.state_board_link"]
        == "[the Oregon physical therapy board](https://example.org/boards)"
    )
    assert "clinic.state_board_link" not in clinic_values(Clinic.from_config({"state": "Oregon"}))
