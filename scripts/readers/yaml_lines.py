"""Reading YAML such as mkdocs.yml: tag-tolerant loading, key line numbers, repeated keys."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import yaml


class _AnyTagLoader(yaml.SafeLoader):
    """Composes YAML with custom tags (MkDocs' `!ENV`, `!relative`) without failing."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_AnyTagLoader.add_multi_constructor("!", _ignore_tag)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)

# libyaml's parser (PyYAML's C extension), about ten times faster than PyYAML's own; the same
# resolver and constructors, so the same values and nodes (with their lines).
_FastSafeLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastAnyTagLoader(_FastSafeLoader):  # type: ignore[misc]
    """_AnyTagLoader on libyaml's parser."""


_FastAnyTagLoader.add_multi_constructor("!", _ignore_tag)
_FastAnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def _parsed(read: Callable[..., Any], yaml_text: str, fast: type[Any], own: type[Any]) -> Any:
    """`read(yaml_text, Loader=fast)`; a text that is not valid YAML is read again with PyYAML's
    own parser (`own`), so the error, its line and its wording are the ones staff always saw."""
    try:
        return read(yaml_text, Loader=fast)
    except yaml.YAMLError:
        return read(yaml_text, Loader=own)


def compose_yaml(yaml_text: str) -> Any:
    """`yaml.compose` (custom tags kept on their nodes), on libyaml's parser."""
    return _parsed(yaml.compose, yaml_text, _FastAnyTagLoader, _AnyTagLoader)


def safe_load_yaml(yaml_text: str) -> Any:
    """`yaml.safe_load` on libyaml's parser."""
    return _parsed(yaml.load, yaml_text, _FastSafeLoader, yaml.SafeLoader)


def load_yaml(yaml_text: str) -> Any:
    """Load YAML, reading MkDocs' and pymdown's tags (`!ENV`, `!!python/name:`) as None."""
    return _parsed(yaml.load, yaml_text, _FastAnyTagLoader, _AnyTagLoader)


def node_line(node: yaml.Node, first_line: int = 1) -> int:
    """The 1-based line a composed node starts on; `first_line`: the line the YAML text starts on
    in its file (2 for front matter, which starts after the opening ---)."""
    return int(node.start_mark.line) + first_line


def mapping_fields(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """A composed mapping's keys -> (key node, value node); a repeated key keeps its last value."""
    return {
        str(key.value): (key, value)
        for key, value in node.value
        if isinstance(key, yaml.ScalarNode)
    }


def key_line(yaml_text: str, path: Sequence[str | int]) -> int:
    """1-based line of the deepest key in `path` that exists (1 if none does).

    `key_line(text, ["extra", "clinic", "phone"])` gives the line of `phone:`; if
    `phone` is missing it gives the line of `clinic:`, where the key belongs.
    """
    try:
        node = compose_yaml(yaml_text)
    except yaml.YAMLError:
        return 1
    line = 1
    for step in path:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            match = next(((k, v) for k, v in node.value if getattr(k, "value", None) == step), None)
            if match is None:
                return line
            line = node_line(match[0])
            node = match[1]
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value)
        ):
            node = node.value[step]
            line = node_line(node)
        else:
            return line
    return line


def duplicate_keys(yaml_text: str) -> list[tuple[str, int, int]]:
    """Keys written twice in the same mapping, at any depth: `(key, line, first_line)`.

    YAML quietly keeps only the last value, so a repeated key silently drops settings.
    """
    try:
        root = compose_yaml(yaml_text)
    except yaml.YAMLError:
        return []
    found: list[tuple[str, int, int]] = []
    stack: list[yaml.Node] = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in node.value:
                name, line = str(getattr(key, "value", "")), node_line(key)
                if name in first:
                    found.append((name, line, first[name]))
                else:
                    first[name] = line
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return sorted(found, key=lambda item: item[1])
