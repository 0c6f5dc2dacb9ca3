/* The script loader: the page's scripts, and its held stylesheets, after the first paint.

   The build (scripts/steps/page_html.py, load_scripts_after_first_paint) takes the page's
   scripts out of <body> and lists them, in order, in this script's data-scripts; main.html
   loads this file (defer) in their place. A file, not an inline script: it is the same on
   every page, so it is downloaded once for the whole site instead of being in every page's
   first round trip (about 700 gzipped bytes a page; FIRST_ROUND_TRIP_BYTES).

   Once the first paint is on screen (PerformanceObserver "paint"; two animation frames where
   that cannot be observed; 3 s at the latest) it adds, first, the stylesheets held in
   <noscript id="__stylesheets"> (a page whose first-screen CSS is inlined:
   scripts/steps/critical_css.py) and preloads the scripts. The stylesheets load as print
   stylesheets; once the last has arrived they apply one a task, the last first, so each one
   applied is followed by every later one: the cascade on screen is always the final one, and
   no task is long (Lighthouse counts long ones in TBT). Then the scripts run, in order, so
   what they build (the search form) has its styles from the start. Material starts on DOMContentLoaded,
   which has passed by then, so (data-material) it is announced again one frame after the last
   script ran. When everything has run, <html> gets data-scripts-ready (tests wait for it). */
(function () {
  "use strict";
  var me = document.currentScript;
  var scripts = (me.getAttribute("data-scripts") || "").split(" ").filter(Boolean);
  var material = me.hasAttribute("data-material");
  var started = false;

  function ready() {
    requestAnimationFrame(function () {
      setTimeout(function () {
        if (material && document.readyState !== "loading") {
          document.dispatchEvent(new Event("DOMContentLoaded", { bubbles: true }));
        }
        document.documentElement.setAttribute("data-scripts-ready", "");
      }, 0);
    });
  }

  function runScripts() {
    var pending = scripts.length;
    if (pending === 0) ready();
    scripts.forEach(function (src) {
      var script = document.createElement("script");
      script.src = src;
      script.async = false;
      script.onload = script.onerror = function () {
        if (--pending === 0) ready();
      };
      document.body.appendChild(script);
    });
  }

  function load() {
    if (started) return;
    started = true;
    var holder = document.getElementById("__stylesheets");
    var template = document.createElement("template");
    template.innerHTML = holder ? holder.textContent : "";
    var held = [].slice.call(template.content.children);
    if (!held.length) return runScripts();
    // The scripts download now, beside the stylesheets, and run once these apply: a part of
    // the page a script builds (the search form) then never shows without its styles.
    scripts.forEach(function (src) {
      var hint = document.createElement("link");
      hint.rel = "preload";
      hint.as = "script";
      hint.href = src;
      document.head.appendChild(hint);
    });
    var loading = held.length;
    var apply = function (i) {
      if (i--) {
        held[i].media = held[i].dataset.media;
        setTimeout(apply, 0, i);
      } else runScripts();
    };
    held.forEach(function (link) {
      link.dataset.media = link.media || "all";
      link.media = "print";
      link.onload = link.onerror = function () {
        if (--loading === 0) apply(held.length);
      };
      document.head.appendChild(link);
    });
  }

  function afterPaint() {
    setTimeout(load, 0);
  }

  if (performance.getEntriesByType && performance.getEntriesByType("paint").length) afterPaint();
  else {
    try {
      var observer = new PerformanceObserver(function () {
        observer.disconnect();
        afterPaint();
      });
      observer.observe({ type: "paint", buffered: true });
    } catch (error) {
      requestAnimationFrame(function () {
        requestAnimationFrame(load);
      });
    }
  }
  setTimeout(load, 3000);
})();
