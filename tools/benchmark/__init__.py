"""Benchmark our site against a stock Material site with Lighthouse (mobile), side by side.

    python -m tools.benchmark [--pages N] [--runs 3] [--build-runs 5] [--out DIR]

One run builds our site (strict, timed `--build-runs` times) and a baseline site (the same
`docs/` with a default Material `mkdocs.yml`), serves each on 127.0.0.1 the way GitHub Pages
does (gzip, ETag, `Cache-Control: max-age=600`), runs Lighthouse `--runs` times on the home
page and every built page, keeps the median run as Lighthouse recommends, and writes
`DIR/BENCHMARKS.md` and `DIR/benchmarks/results.json`. Raw Lighthouse reports go to
`DIR/benchmarks/tmp/` (not committed). Nothing here changes throttling or special-cases
Lighthouse: it measures what a patient's phone would get.
"""
