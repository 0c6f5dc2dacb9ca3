// pa11y (HTML_CodeSniffer, WCAG 2 AA) and IBM Equal Access accessibility-checker on the built
// site, in the system Chromium. Driven by tests/test_a11y_engines.py, which starts it with a
// JSON job on stdin and reads one JSON line per scan from stdout:
//   {"chromium": "/usr/bin/chromium", "ruleServer": "http://127.0.0.1:PORT",
//    "scans": [{"url": "...", "width": 390, "scheme": "dark", "state": "search"}, ...]}
// Nothing is downloaded: Chromium is Debian's, and IBM's rules come from the pinned
// accessibility-checker-engine package, served by the test on 127.0.0.1 (its default is a CDN).
// The test sets IBM_TELEMETRY_DISABLED=true: IBM's checker would otherwise start a process
// that reports usage to IBM.
"use strict";

const path = require("node:path");
const root = path.resolve(__dirname, "..");
const modules = path.join(root, "node_modules");
const puppeteer = require(path.join(modules, "puppeteer"));
const pa11y = require(path.join(modules, "pa11y"));
const aChecker = require(path.join(modules, "accessibility-checker"));

// What a patient does before the scan: nothing, open search and type, or use the body map.
const STATES = {
  async plain() {},
  async search(page, width, query) {
    await page.click(width < 960 ? "button.md-header__button[for=__search]" : "input.md-search__input");
    await page.keyboard.type(query || "knot");
    await page.waitForSelector(".md-search-result__item", { timeout: 10000 });
    await new Promise((resolve) => setTimeout(resolve, 500)); // the fade-in
  },
  async "body-map"(page) {
    await page.waitForSelector("form.pain-map[data-pain-map-ready]", { timeout: 10000 });
    await page.click("input[value=outside-upper-arm]");
    await page.click("[data-show=infraspinatus]");
  },
};

async function readJob() {
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  return JSON.parse(text);
}

async function main() {
  const job = await readJob();
  const browser = await puppeteer.launch({
    executablePath: job.chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  // Plain scans of the same page in a row share one page load: the width and colour scheme
  // change as a patient's device would (the site follows the device's scheme until the reader
  // chooses), which saves a load and both engines' set-up per scan.
  let open = null;
  try {
    for (const scan of job.scans) {
      const reuse = open && scan.state === "plain" && open.state === "plain" && open.url === scan.url;
      if (!reuse) {
        if (open) await open.page.close();
        const page = await browser.newPage();
        await page.setViewport({ width: scan.width, height: 844 });
        await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scan.scheme }]);
        await page.goto(scan.url, { waitUntil: "load" });
        await page.waitForSelector("html[data-scripts-ready]", { timeout: 10000 });
        await STATES[scan.state](page, scan.width, scan.query);
        open = { page, url: scan.url, state: scan.state };
      } else {
        await open.page.setViewport({ width: scan.width, height: 844 });
        await open.page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scan.scheme }]);
      }
      const page = open.page;
      const scheme = scan.scheme === "dark" ? "slate" : "default";
      await page.waitForFunction((name) => document.body.dataset.mdColorScheme === name, { timeout: 10000 }, scheme);
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      const timing = { start: Date.now() };
      const found = [];
      const htmlcs = await pa11y(scan.url, {
        browser, page, ignoreUrl: true, runners: ["htmlcs"], standard: "WCAG2AA",
        includeWarnings: false, includeNotices: false, timeout: 60000,
        viewport: { width: scan.width, height: 844 },
      });
      for (const issue of htmlcs.issues) {
        found.push({ engine: "pa11y", rule: issue.code, message: issue.message, where: issue.selector });
      }
      timing.pa11y = Date.now() - timing.start;
      const ibm = await aChecker.getCompliance(page, `${scan.width}-${scan.scheme}-${scan.state}-${scan.url}`);
      for (const result of ibm.report.results || []) {
        if (result.level !== "violation") continue;
        found.push({ engine: "ibm", rule: result.ruleId, message: result.message, where: result.path && result.path.dom });
      }
      timing.ibm = Date.now() - timing.start - timing.pa11y;
      // A11Y_TIMING=1: each scan's time per engine on stderr (IBM's rules take most of it).
      if (process.env.A11Y_TIMING) process.stderr.write(`${scan.url} ${scan.width} ${scan.scheme} ${scan.state}: pa11y ${timing.pa11y} ms, ibm ${timing.ibm} ms\n`);
      process.stdout.write(JSON.stringify({ ...scan, found }) + "\n");
    }
    if (open) await open.page.close();
  } finally {
    await aChecker.close();
    await browser.close();
  }
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(1);
});
