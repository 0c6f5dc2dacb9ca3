"""Line numbers for YAML keys, and keys written twice."""

from __future__ import annotations

from scripts.readers.yaml_lines import duplicate_keys, key_line, load_yaml

CONFIG = """\
site_name: Example
extra:
  clinic:
    name: Example PT
    phone: "(541) 555-0142"
  demo_video: !ENV [VIDEO, ""]
nav:
  - Home: index.md
"""


def test_key_line_finds_nested_keys_and_falls_back_to_the_parent() -> None:
    assert key_line(CONFIG, ["extra", "clinic", "phone"]) == 5
    assert key_line(CONFIG, ["extra", "clinic", "email"]) == 3  # where it belongs
    assert key_line(CONFIG, ["nav", 0]) == 8
    assert key_line("not: [valid", ["not"]) == 1


def test_duplicate_keys_at_any_depth() -> None:
    text = CONFIG + "extra_css:\n  - a.css\nextra:\n  x: 1\n"
    assert duplicate_keys(text) == [("extra", 11, 2)]
    nested = "extra:\n  clinic:\n    name: A\n    name: B\n"
    assert duplicate_keys(nested) == [("name", 4, 3)]
    listed = "muscles:\n  - id: a\n    id: b\n"
    assert duplicate_keys(listed) == [("id", 3, 2)]


def test_no_duplicates_in_a_clean_file() -> None:
    assert duplicate_keys(CONFIG) == []


def test_load_yaml_reads_mkdocs_tags_as_none() -> None:
    text = "a: !ENV [X, 1]\nb: !!python/name:material.extensions.emoji.twemoji\nc: 3\n"
    assert load_yaml(text) == {"a": None, "b": None, "c": 3}
