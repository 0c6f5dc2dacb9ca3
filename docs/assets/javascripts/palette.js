/* The light/dark switch in the header, after the first paint. The scheme itself is already
   set: overrides/partials/javascripts/palette.html defines __palette_pick and __palette_show
   and ran them before the first paint. This shows the switch; a press changes the scheme
   and saves the choice (local storage, Material's "__palette" format). Until the reader
   presses it, the site follows the device's light/dark setting, also when that changes. */
(function () {
  "use strict";
  var DARK = window.matchMedia("(prefers-color-scheme: dark)");

  function inputs() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-palette-toggle] input"));
  }

  // The switch shows the button after the checked option (each label points at the next one).
  function showSwitch() {
    inputs().forEach(function (input) {
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL") label.hidden = !input.checked;
    });
  }

  var chosen = false; // pressed on this page (kept here too: storage may be blocked)

  function choose(index, remember) {
    document.body.setAttribute("data-md-color-switching", ""); // no colour transitions
    window.requestAnimationFrame(function () {
      document.body.removeAttribute("data-md-color-switching");
    });
    var colours = __palette_show(index);
    showSwitch();
    if (!remember) return;
    chosen = true;
    try {
      __md_set("__palette", { index: index, color: colours, chosen: true });
    } catch (error) {} // storage blocked: the choice lasts for this page only
  }

  function start() {
    var form = document.querySelector("[data-palette-toggle]");
    if (!form || typeof __palette_show !== "function" || typeof __palette_pick !== "function") return;
    showSwitch(); // the start-up script checked the option it showed

    form.addEventListener("change", function (event) {
      var index = inputs().indexOf(event.target);
      if (index >= 0) choose(index, true);
    });
    // The switch looks like one button, so Enter and Space switch, as on a button (the arrow
    // keys already do: these are radio buttons; Space alone would do nothing on the checked one).
    form.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      var list = inputs();
      var checked = list.filter(function (input) { return input.checked; })[0];
      var next = list[(list.indexOf(checked) + 1) % list.length];
      next.click();
      next.focus();
    });
    var followDevice = function () {
      var pick = __palette_pick();
      if (!chosen && !pick.saved) choose(pick.index, false);
    };
    if (DARK.addEventListener) DARK.addEventListener("change", followDevice);
    else if (DARK.addListener) DARK.addListener(followDevice);
  }

  // After the page has loaded (the build adds this script after the first paint).
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
