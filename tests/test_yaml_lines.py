"""Line numbers for YAML keys, and keys written twice."""

from __future__ import annotations

import pytest

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


def test_the_fast_parser_gives_the_same_nodes_and_the_same_errors() -> None:
    """libyaml reads valid YAML to the same values and lines; invalid YAML is read again by
    PyYAML's own parser, so staff see the error they always saw."""
    import yaml

    from scripts.readers.yaml_lines import compose_yaml, load_yaml, safe_load_yaml

    assert getattr(yaml, "__with_libyaml__", False), "PyYAML without libyaml: builds are slow"
    text = "a: 1\nb:\n  - !ENV X\n  - c: 2025-01-01\n"
    fast, slow = compose_yaml(text), yaml.compose(text, Loader=yaml.SafeLoader)

    def shape(node: yaml.Node) -> object:
        value = node.value
        if isinstance(value, list):
            value = [shape(v) if isinstance(v, yaml.Node) else tuple(map(shape, v)) for v in value]
        return (node.tag, node.start_mark.line, node.start_mark.column, value)

    assert shape(fast) == shape(slow)
    assert load_yaml(text) == {"a": 1, "b": [None, {"c": __import__("datetime").date(2025, 1, 1)}]}
    assert safe_load_yaml("a: [1, 2]") == {"a": [1, 2]}
    broken = "a: 1\n b: 2\n"
    with pytest.raises(yaml.YAMLError) as fast_error:
        compose_yaml(broken)
    with pytest.raises(yaml.YAMLError) as slow_error:
        yaml.compose(broken, Loader=yaml.SafeLoader)
    assert str(fast_error.value) == str(slow_error.value)  # PyYAML's wording, with its snippet
