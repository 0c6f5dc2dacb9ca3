/* Demo video: "Play video" swaps the poster for YouTube's privacy-enhanced player.
   Nothing loads from YouTube before the click. Without JavaScript the control stays a
   plain link to the video. One delegated listener per event type, added once. */
(function () {
  "use strict";
  if (window.demoVideoReady) return;
  window.demoVideoReady = true;

  var CONTROL = "a.demo-video__play";

  function play(control) {
    var stage = control.parentNode;
    if (!stage || !control.isConnected) return;
    var frame = document.createElement("iframe");
    frame.className = "demo-video__frame";
    frame.title = control.getAttribute("data-frame-title") || "Video";
    frame.src = control.getAttribute("data-embed");
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.setAttribute("allowfullscreen", "");
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    stage.replaceChildren(frame);
    frame.focus();
  }

  function controlOf(event) {
    return event.target instanceof Element ? event.target.closest(CONTROL) : null;
  }

  document.addEventListener("click", function (event) {
    var control = controlOf(event);
    // Ctrl/Cmd/Shift-click and middle click keep their usual meaning: open YouTube.
    if (!control || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    play(control);
  });

  // Enter fires "click" on a link by itself; Space is added because the control acts as a button.
  document.addEventListener("keydown", function (event) {
    var control = controlOf(event);
    if (!control || (event.key !== " " && event.key !== "Spacebar")) return;
    event.preventDefault();
    play(control);
  });

  function enhance() {
    var controls = document.querySelectorAll(CONTROL);
    for (var i = 0; i < controls.length; i++) controls[i].setAttribute("role", "button");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
