"""The referred-pain explorer, in three jobs: its data (`data`: load and check
`docs/data/referral_patterns.yml`), its drawing (`svg`) and its HTML (`render`: what replaces
the `<!-- pain-map -->` marker). The pipeline uses the names below.
"""

from scripts.body_map.data import (
    AREAS,
    DATA_PATH,
    Muscle,
    ReferralPatterns,
    Region,
    load_patterns,
    load_patterns_file,
)
from scripts.body_map.render import PAGE, SCRIPT, missing_marker_problems, render_body_map
from scripts.body_map.svg import render_body_svg

__all__ = [
    "AREAS",
    "DATA_PATH",
    "PAGE",
    "SCRIPT",
    "Muscle",
    "ReferralPatterns",
    "Region",
    "load_patterns",
    "load_patterns_file",
    "missing_marker_problems",
    "render_body_map",
    "render_body_svg",
]
