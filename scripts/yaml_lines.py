"""Line numbers for keys in a YAML file, so messages can say `mkdocs.yml:57:`."""

from __future__ import annotations

from collections.abc import Sequence

import yaml


class _AnyTagLoader(yaml.SafeLoader):
    """Composes YAML with custom tags (MkDocs' `!ENV`, `!relative`) without failing."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_AnyTagLoader.add_multi_constructor("!", _ignore_tag)


def key_line(yaml_text: str, path: Sequence[str | int]) -> int:
    """1-based line of the deepest key in `path` that exists (1 if none does).

    `key_line(text, ["extra", "clinic", "phone"])` gives the line of `phone:`; if
    `phone` is missing it gives the line of `clinic:`, where the key belongs.
    """
    try:
        node = yaml.compose(yaml_text, Loader=_AnyTagLoader)
    except yaml.YAMLError:
        return 1
    line = 1
    for step in path:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            match = next(((k, v) for k, v in node.value if getattr(k, "value", None) == step), None)
            if match is None:
                return line
            line = match[0].start_mark.line + 1
            node = match[1]
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value)
        ):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            return line
    return line
