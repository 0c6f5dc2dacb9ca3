"""The interface's words in every language, from docs/data/interface.yml (one file, `en:` and
`es:` for each entry). Templates read the current language's words as `config.extra.ui`;
Python steps get them as an `Interface`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from scripts import languages
from scripts.problems import Problem
from scripts.readers.data_files import load_data_file
from scripts.readers.yaml_lines import compose_yaml, mapping_fields, node_line

FILE = "interface.yml"
BRACES = re.compile(r"\{(\w+)\}")
# Entries that translate English words kept in another data file (docs/data/side_effects.yml):
# they need every language but English.
TRANSLATION_ONLY = ("se_label_", "se_unit_", "se_reported_by_")


@dataclass(frozen=True)
class Interface:
    """Every entry's words in each language: `strings["es"]["sources"]` is "Fuentes"."""

    strings: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    language: str = languages.DEFAULT.code

    def of(self, language: str) -> Interface:
        return Interface(self.strings, language)

    @property
    def words(self) -> dict[str, str]:
        """This language's words (for templates)."""
        return dict(self.strings.get(self.language, {}))

    def t(self, key: str, **values: object) -> str:
        """The words for `key`, `{name}`s filled in; the English words if a key is unknown."""
        text = self.strings.get(self.language, {}).get(key) or self.strings.get("en", {}).get(
            key, key
        )
        return BRACES.sub(lambda m: str(values.get(m[1], m[0])), text)

    def long_date(self, day: int, month: int, year: int) -> str:
        months = self.t("months").split()
        name = months[month - 1] if len(months) == 12 else str(month)
        return self.t("date", day=day, month=name, year=year)


def parse_interface(text: str, path: str) -> tuple[Interface, list[Problem]]:
    """Read the file; each entry must have non-empty words for every language, with the same
    `{names}` in each."""
    try:
        root = compose_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return Interface(), [
            Problem(path, line, "this line is not valid YAML. Write it as `key: {en: …, es: …}`.")
        ]
    if not isinstance(root, yaml.MappingNode):
        return Interface(), [Problem(path, 1, "the file must be a list of `key: {en: …, es: …}`.")]
    strings: dict[str, dict[str, str]] = {lang.code: {} for lang in languages.LANGUAGES}
    problems = []
    for key, (key_node, value) in mapping_fields(root).items():
        line = node_line(key_node)
        entries = mapping_fields(value) if isinstance(value, yaml.MappingNode) else {}
        names: dict[str, set[str]] = {}
        for lang in languages.LANGUAGES:
            if lang == languages.DEFAULT and key.startswith(TRANSLATION_ONLY):
                continue
            node = entries.get(lang.code, (None, None))[1]
            words = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
            if not words:
                problems.append(
                    Problem(
                        path,
                        node_line(node) if node is not None else line,
                        f"`{key}` has no {lang.name} words ({lang.code}:). Add "
                        f"`{lang.code}: …` with the words in that language.",
                    )
                )
                continue
            strings[lang.code][key] = words
            names[lang.code] = set(BRACES.findall(words))
        if len({frozenset(found) for found in names.values()}) > 1:
            problems.append(
                Problem(
                    path,
                    line,
                    f"`{key}` has different {{names}} in its languages ({names}). Keep the same "
                    "words in braces in each language; the build fills them in.",
                )
            )
    return Interface(strings), problems


def load_interface(docs_dir: Path) -> tuple[Interface, list[Problem]]:
    """docs/data/interface.yml, checked."""
    return load_data_file(docs_dir, FILE, "The interface words file", parse_interface, Interface())


@cache
def default(language: str = languages.DEFAULT.code) -> Interface:
    """The shipped words (this repository's docs/data/interface.yml) in one language: for
    callers without a build, such as the English defaults of scripts/clinic.py."""
    docs = Path(__file__).resolve().parent.parent / languages.SHARED_DOCS
    return load_interface(docs)[0].of(language)
