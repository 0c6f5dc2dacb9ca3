/* Keyboard access to Material's menu and search buttons on narrow screens (phones, or a
   desktop zoomed in). Material draws them as <label>s for hidden checkboxes, which Tab never
   reaches. Each becomes a real <button> that flips the same checkbox. It keeps the `for`
   attribute so Material's CSS (which hides them on wide screens) still applies. */
(function () {
  "use strict";

  var NAMES = { __drawer: "Menu", __search: "Search" };

  function syncExpanded() {
    Object.keys(NAMES).forEach(function (id) {
      var toggle = document.getElementById(id);
      document.querySelectorAll('button.md-header__button[for="' + id + '"]').forEach(function (button) {
        button.setAttribute("aria-expanded", String(Boolean(toggle && toggle.checked)));
      });
    });
  }

  function enhance() {
    Object.keys(NAMES).forEach(function (id) {
      document.querySelectorAll('label.md-header__button[for="' + id + '"]').forEach(function (label) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = label.className;
        button.setAttribute("for", id);
        button.setAttribute("aria-label", NAMES[id]);
        button.title = NAMES[id];
        while (label.firstChild) button.appendChild(label.firstChild);
        button.addEventListener("click", function () {
          var toggle = document.getElementById(id);
          if (toggle) toggle.click();
          // Search opens with the cursor in the box, so a phone shows its keyboard on the first
          // tap (Material does this on its label, which this button replaces; its issue #5799).
          var query = document.querySelector("[data-md-component=search-query]");
          if (id === "__search" && toggle && toggle.checked && query) query.focus();
        });
        label.replaceWith(button);
      });
    });
    syncExpanded();
  }

  document.addEventListener("change", syncExpanded);

  // Tab or Shift+Tab in the search box closes search and moves on. Material closes search and
  // blurs the box before the browser moves focus: Chromium and Firefox then go on from the box,
  // but WebKit (Safari) starts again at the top of the page, so Tab never leaves the header.
  // Closing search here, and keeping the key from Material, lets every browser move on.
  // WebKitGTK names Shift+Tab "Unidentified" (its code is still "Tab"): Material then misses it.
  document.addEventListener("keydown", function (event) {
    var tab = event.key === "Tab" || event.code === "Tab";
    if (!tab || !event.target.matches("[data-md-component=search-query]")) return;
    event.stopPropagation();
    var toggle = document.getElementById("__search");
    if (toggle && toggle.checked) toggle.click();
  }, true);

  // A focused element always on screen (WCAG 2.4.11). WebKit (Safari) sometimes stops scrolling
  // a few pixels short, leaving the last link of the page just below the window; after the
  // browser's own scroll, bring a focused element that is still wholly off screen into view.
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (!target || !target.getBoundingClientRect || target === document.body) return;
    window.requestAnimationFrame(function () {
      var box = target.getBoundingClientRect();
      if (document.activeElement !== target || box.height === 0) return;
      if (box.top >= window.innerHeight || box.bottom <= 0) target.scrollIntoView({ block: "nearest" });
    });
  });

  // After the page has loaded (the build adds this script after the first paint).
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
