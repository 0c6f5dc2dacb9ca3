"""The bars every page and the build must meet, written once as typed constants."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from tools.benchmark.settings import CATEGORIES, CATEGORY_LABELS, Json


@dataclass(frozen=True)
class Bar:
    """One bar: `FCP ≤ 1.2 s`. The limit is in the unit Lighthouse reports (ms, bytes, s)."""

    name: str
    limit: float
    unit: str  # "ms" (shown in seconds), "bytes" (shown in KiB) or "s"

    @property
    def shown(self) -> str:
        """`≤ 1.2 s`, `≤ 80 KiB`, `≤ 5 s`."""
        if self.unit == "ms":
            return f"≤ {self.limit / 1000:g} s"
        if self.unit == "bytes":
            return f"≤ {self.limit / 1024:g} KiB"
        return f"≤ {self.limit:g} {self.unit}"

    @property
    def label(self) -> str:
        return f"{self.name} {self.shown}"

    def met(self, value: float) -> bool:
        return value <= self.limit


# The bars from issue 8, quoted in BENCHMARKS.md.
FCP = Bar("FCP", 1200.0, "ms")
LCP = Bar("LCP", 1500.0, "ms")
TEXT_PAGE_TRANSFER = Bar("Transferred", 80 * 1024, "bytes")
FEATURE_PAGE_TRANSFER = Bar("Transferred", 150 * 1024, "bytes")  # body map or video poster
# Issue 18: both languages and both PDFs, median, on the 2-core machine (issue 8 had 5 s
# for the English site alone).
BUILD = Bar("Full strict build", 6.0, "s")
# Issue 18: first paint within 10 % of the bare-HTML floor page in the same run, and the
# largest paint within 10 % of the first.
FCP_OVER_FLOOR = 1.1
LCP_OVER_FCP = 1.1
FCP_FLOOR_BAR = f"FCP ≤ {FCP_OVER_FLOOR:g} × floor"
LCP_FCP_BAR = "LCP within 10 % of FCP"
CLS_SHOWN_AS_ZERO = 0.0005  # "CLS 0": Lighthouse's value rounds to 0.000


def ours_only_resources(ours: Json, baseline: Json) -> list[Json]:
    """Resources our page loads that the baseline page does not (features the baseline lacks)."""
    baseline_paths = {resource["path"] for resource in baseline["resources"]}
    return [resource for resource in ours["resources"] if resource["path"] not in baseline_paths]


def page_checks(
    ours: Json, baseline: Json, features: list[str], floor: Json | None = None
) -> list[Json]:
    """Each bar for one page: what it is, and pass or fail (the floor bars need the floor)."""
    budget = FEATURE_PAGE_TRANSFER if features else TEXT_PAGE_TRANSFER
    extra = sum(resource["transfer_bytes"] for resource in ours_only_resources(ours, baseline))
    shared_bytes = ours["transfer_bytes"] - extra
    checks = [
        {
            "bar": f"{CATEGORY_LABELS[category]} 1.00",
            "passed": ours["scores"][category] >= 1,
        }
        for category in CATEGORIES
    ]
    checks += [
        {"bar": FCP.label, "passed": FCP.met(ours["fcp_ms"])},
        {"bar": LCP.label, "passed": LCP.met(ours["lcp_ms"])},
        {"bar": LCP_FCP_BAR, "passed": ours["lcp_ms"] <= LCP_OVER_FCP * ours["fcp_ms"]},
        {"bar": "CLS 0", "passed": ours["cls"] < CLS_SHOWN_AS_ZERO},
        {
            "bar": budget.label + (f" ({', '.join(features)})" if features else " (text page)"),
            "passed": budget.met(ours["transfer_bytes"]),
        },
        {
            "bar": "No heavier than baseline, except itemised ours-only resources",
            "passed": ours["transfer_bytes"] <= baseline["transfer_bytes"]
            or shared_bytes <= baseline["transfer_bytes"],
        },
        {"bar": "No requests to other sites", "passed": not ours["external_requests"]},
    ]
    if floor is not None:
        checks.insert(
            len(CATEGORIES) + 2,
            {"bar": FCP_FLOOR_BAR, "passed": ours["fcp_ms"] <= FCP_OVER_FLOOR * floor["fcp_ms"]},
        )
    return checks


def build_check(build_seconds: list[float]) -> Json:
    median = statistics.median(build_seconds)
    return {
        "bar": f"{BUILD.label} (median)",
        "passed": BUILD.met(median),
    }
