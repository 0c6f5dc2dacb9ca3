"""The site's languages: English at the site's root, Spanish under /es/, one build per language.

Each language has its own config (mkdocs.yml, mkdocs.es.yml, which INHERITs it), its own pages
folder (docs/, docs-es/: the same file names) and its own shared text (includes/,
includes/es/). Assets and data files live once, in docs/. The language switch and the
`hreflang` links join each page to the same page in the other language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from scripts.problems import Problem
from scripts.readers.yaml_lines import key_line, load_yaml
from scripts.urls import nav_pages


@dataclass(frozen=True)
class Language:
    code: str  # `en`, as in lang="en" and theme.language
    name: str  # the language's own name, for the switch: "English", "Español"
    config: str  # its config file
    docs: str  # its pages folder
    includes: str  # its shared text folder
    prefix: str  # where its pages live under site_url: "" or "es/"
    locale: str  # for search engines and link previews: "en-US"


ENGLISH = Language("en", "English", "mkdocs.yml", "docs", "includes", "", "en-US")
SPANISH = Language("es", "Español", "mkdocs.es.yml", "docs-es", "includes/es", "es/", "es-US")
LANGUAGES = (ENGLISH, SPANISH)
DEFAULT = ENGLISH  # x-default, and the site root
SHARED_DOCS = ENGLISH.docs  # assets/ and data/ live here, for every language


def get(code: str) -> Language:
    """The language for a theme.language value; English for anything else."""
    return next((lang for lang in LANGUAGES if lang.code == code), DEFAULT)


def get_by_config(config_file: Path) -> Language:
    return next((lang for lang in LANGUAGES if lang.config == config_file.name), DEFAULT)


def others(language: Language) -> list[Language]:
    return [lang for lang in LANGUAGES if lang != language]


def site_url(root_url: str, language: Language) -> str:
    """The language's own site_url: mkdocs.yml's address, plus `es/` for Spanish."""
    if not root_url:
        return ""
    return urljoin(root_url if root_url.endswith("/") else root_url + "/", language.prefix)


def page_address(root_url: str, language: Language, page_url: str) -> str:
    """The absolute address of a page (`safety/`) in a language."""
    return urljoin(site_url(root_url, language), page_url)


def alternates(root_url: str, page_url: str) -> list[tuple[str, str]]:
    """`(hreflang, absolute URL)` for a page in every language, then x-default (English)."""
    links = [(lang.code, page_address(root_url, lang, page_url)) for lang in LANGUAGES]
    return [*links, ("x-default", page_address(root_url, DEFAULT, page_url))]


def switch_href(language: Language, other: Language, page_url: str) -> str:
    """A relative link from a page to the same page in `other` (works under any site path)."""
    up = "../" * (page_url.count("/") + (1 if language.prefix else 0))
    return (up + other.prefix + page_url) or "./"


def other_language_configs(config_file: Path) -> list[Path]:
    """Next to mkdocs.yml: the other languages' config files that exist (none in test projects)."""
    folder = config_file.resolve().parent
    return [folder / lang.config for lang in LANGUAGES[1:] if (folder / lang.config).is_file()]


def _extension_names(items: Sequence[object]) -> list[str]:
    return [str(next(iter(item)) if isinstance(item, dict) else item) for item in items]


def check_language_config(root_config: Path, language_config: Path) -> list[Problem]:
    """Both checks of a language config, reading each file once."""
    configs = _read_configs(root_config, language_config)
    return check_inherited_lists(root_config, language_config, configs=configs) + (
        check_nav_labels(root_config, language_config, configs=configs)
    )


def _read_configs(
    root_config: Path, language_config: Path
) -> tuple[dict[str, Any], str, dict[str, Any]]:
    """mkdocs.yml's settings, the language config's text and its settings."""
    text = language_config.read_text(encoding="utf-8")
    root = load_yaml(root_config.read_text(encoding="utf-8")) or {}
    return root, text, load_yaml(text) or {}


def check_inherited_lists(
    root_config: Path,
    language_config: Path,
    lists: Sequence[str] = ("markdown_extensions",),
    configs: tuple[dict[str, Any], str, dict[str, Any]] | None = None,
) -> list[Problem]:
    """INHERIT replaces lists: each list a language config sets again must still name every
    entry of mkdocs.yml's (an extension added to mkdocs.yml only would be missing in Spanish)."""
    root, text, own = configs or _read_configs(root_config, language_config)
    problems = []
    for key in lists:
        if key not in own:
            continue
        missing = [
            name
            for name in _extension_names(root.get(key) or [])
            if name not in _extension_names(own.get(key) or [])
        ]
        if missing:
            problems.append(
                Problem(
                    language_config.name,
                    key_line(text, [key]),
                    f"{key} here replaces the whole list in {root_config.name} (INHERIT does not "
                    f"merge lists), and it lacks {', '.join(missing)}. Add "
                    f"{'them' if len(missing) > 1 else 'it'} here as in {root_config.name}.",
                )
            )
    return problems


def check_nav_labels(
    root_config: Path,
    language_config: Path,
    configs: tuple[dict[str, Any], str, dict[str, Any]] | None = None,
) -> list[Problem]:
    """`extra.nav_labels` (a translation's short menu labels) names only pages of the menu."""
    root, text, own = configs or _read_configs(root_config, language_config)
    labels = (own.get("extra") or {}).get("nav_labels") or {}
    menu = set(nav_pages(root.get("nav")))
    return [
        Problem(
            language_config.name,
            key_line(text, ["extra", "nav_labels", page]),
            f"nav_labels names {page}, which is not a page in the menu of {root_config.name}. "
            f"Check the spelling of the file name (for example safety.md), or delete the line.",
        )
        for page in labels
        if page not in menu
    ]
