/* Referred-pain explorer: "Where do you feel pain?" (see scripts/body_map/).
   The HTML is built at build time; this file only shows, hides and highlights.
   No inline scripts or styles, so a strict Content Security Policy can be used. */
(function () {
  "use strict";

  function words(text) {
    return text ? text.split(" ") : [];
  }

  function setUp(form) {
    if (form.dataset.painMapReady) return; // never bind twice
    form.dataset.painMapReady = "yes";

    var items = Array.prototype.slice.call(form.querySelectorAll(".pain-map__muscle"));
    var regions = form.querySelectorAll("svg [data-region]");
    var boxes = form.querySelectorAll("input[name=region]");
    var summary = form.querySelector(".pain-map__summary");
    var showing = form.querySelector(".pain-map__showing");
    var jump = form.querySelector(".pain-map__jump");
    var figure = form.querySelector(".pain-map__figure");
    // The page's words for what this script writes (scripts/body_map/render.py, data-words).
    var texts = JSON.parse(form.dataset.words || "{}");

    function say(key, name, value) {
      var text = texts[key] || "";
      return name ? text.split("{" + name + "}").join(String(value)) : text;
    }

    // Each result is written from its muscle's row in the muscle table and the words above
    // (scripts/body_map/render.py): the page carries them once.
    function fill(item) {
      var row = document.getElementById("pain-muscle-" + item.dataset.muscle);
      if (!row) return;
      var cells = row.querySelectorAll("td");
      var name = row.querySelector("th strong").textContent;
      var plain = row.querySelector(".pain-map__plain").textContent;
      var note = cells[2].querySelector("em");
      function add(tag, text, className) {
        var element = document.createElement(tag);
        element.textContent = text;
        if (className) element.className = className;
        item.appendChild(element);
        return element;
      }
      item.dataset.name = name.toLowerCase();
      add("h3", name);
      add("p", plain.charAt(0).toUpperCase() + plain.slice(1) + ".");
      var noticed = add("p", " " + cells[2].firstChild.textContent.trim());
      var label = document.createElement("strong");
      label.textContent = say("people_notice");
      noticed.insertBefore(label, noticed.firstChild);
      add("p", say("trigger_here", "where", cells[0].textContent.toLowerCase()) + " " +
        say("felt", "felt", cells[1].textContent.toLowerCase()));
      if (note) add("p", note.textContent, "pain-map__note");
      var button = add("button", say("show", "muscle", item.dataset.name), "pain-map__show md-button");
      button.type = "button";
      button.setAttribute("aria-pressed", "false");
      button.dataset.show = item.dataset.muscle;
    }
    items.forEach(fill);

    function paint(felt, triggers) {
      regions.forEach(function (shape) {
        var id = shape.getAttribute("data-region");
        shape.classList.toggle("is-felt", felt.indexOf(id) !== -1);
        shape.classList.toggle("is-trigger", triggers.indexOf(id) !== -1);
      });
    }

    function chosenRegions() {
      return Array.prototype.filter
        .call(boxes, function (box) { return box.checked; })
        .map(function (box) { return box.value; });
    }

    function unpress() {
      form.querySelectorAll(".pain-map__show[aria-pressed=true]").forEach(function (button) {
        button.setAttribute("aria-pressed", "false");
      });
    }

    function update() {
      var chosen = chosenRegions();
      var triggers = [];
      var found = 0;
      var local = [];
      items.forEach(function (item) {
        var refers = words(item.dataset.refers).some(function (id) { return chosen.indexOf(id) !== -1; });
        // A knot right where it hurts may be the cause too.
        var here = !refers && chosen.indexOf(item.dataset.trigger) !== -1;
        item.hidden = !(refers || here);
        if (refers) found += 1;
        if (here) local.push(item.dataset.name);
        if (refers || here) triggers.push(item.dataset.trigger);
      });
      unpress();
      paint(chosen, triggers);
      showing.textContent = "";
      var localText = local.length ? " " + say("local", "muscles", local.join(", ")) : "";
      if (!chosen.length) {
        summary.textContent = say("summary");
      } else if (!found) {
        summary.textContent = say("no_muscle") + (localText || " " + say("many_causes"));
      } else {
        summary.textContent = (found === 1
          ? say("found_one")
          : say("found_many", "count", found)) + localText;
      }
      var shown = found + local.length;
      jump.hidden = !shown;
      jump.textContent = shown === 1 ? say("see_muscle") : say("see_n_muscles", "count", shown);
    }

    function showMuscle(button) {
      var item = button.closest(".pain-map__muscle");
      var pressed = button.getAttribute("aria-pressed") === "true";
      unpress();
      if (pressed) {
        update();
        return;
      }
      button.setAttribute("aria-pressed", "true");
      paint(words(item.dataset.refers), [item.dataset.trigger]);
      showing.textContent = say("showing", "muscle", item.querySelector("h3").textContent.toLowerCase());
      if (figure.getBoundingClientRect().bottom < 60) figure.scrollIntoView();
    }

    form.addEventListener("change", update);
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("click", function (event) {
      var button = event.target.closest(".pain-map__show");
      if (button) showMuscle(button);
    });
    // Links to places on this page ("See the muscles", a muscle's name): move focus there
    // too, so screen readers carry on reading from the result, not from the link.
    (form.closest(".pain-map-explorer") || form).addEventListener("click", function (event) {
      var link = event.target.closest("a[href*='#']");
      if (!link || link.pathname !== window.location.pathname || !link.hash) return;
      var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!target) return;
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      window.setTimeout(function () { target.focus({ preventScroll: true }); }, 0);
    });
    form.hidden = false;
    update();
  }

  function init() {
    document.querySelectorAll("form.pain-map").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
