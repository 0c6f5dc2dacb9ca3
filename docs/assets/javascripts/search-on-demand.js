/* Search on demand. Material downloads the search index (about 19 KB) and starts its
   search worker (about 12 KB) on every page load, but most patients never search. This
   holds both back until someone opens search, or arrives from a search result (?h=).
   It must run before Material's bundle (main.html loads it first). */
(function () {
  "use strict";
  // Built at once, before Material's bundle reads it; the loader (after-paint.js) runs the
  // scripts only once the held stylesheets apply, so the form never shows without its styles.
  buildDialog(document.querySelector(".md-search[data-search-placeholder]"));

  var INDEX = /\/search(?:\/search_index)?\.json$/; // MkDocs: search/search_index.json; Zensical: search.json
  var WORKER = /\/workers\/search\.[0-9a-f]+\.min\.js$/;
  var wanted = /[?&][hq]=/.test(window.location.search);
  var waiting = []; // what to do once search is wanted (send the index request, start the worker)

  function pathOf(url) {
    return new URL(String(url), document.baseURI).pathname;
  }

  function whenWanted(run) {
    if (wanted) run();
    else waiting.push(run);
  }

  function want() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (run) { run(); });
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) want();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) want();
  });

  // Material asks for the index with XMLHttpRequest; the request waits, unsent.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndex = INDEX.test(pathOf(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.searchIndex) return send.apply(request, args);
    whenWanted(function () { send.apply(request, args); });
  };

  // The search worker: a stand-in until search is wanted, then the real one (started at once,
  // so it downloads while the index does). Material 9.x only calls postMessage and listens
  // for "message" events; recheck this when upgrading Material.
  var RealWorker = window.Worker;
  if (typeof RealWorker !== "function" || typeof EventTarget !== "function") return;
  window.Worker = function (url, options) {
    if (!WORKER.test(pathOf(url))) {
      return new RealWorker(url, options);
    }
    var standIn = new EventTarget();
    var real = null;
    var queued = [];
    function start() {
      real = new RealWorker(url, options);
      real.addEventListener("message", function (event) {
        standIn.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      real.addEventListener("error", function () {
        standIn.dispatchEvent(new Event("error"));
      });
      queued.splice(0).forEach(function (args) { real.postMessage.apply(real, args); });
    }
    standIn.postMessage = function (message, transfer) {
      if (real) real.postMessage(message, transfer || []);
      else queued.push([message, transfer || []]);
    };
    standIn.terminate = function () {
      if (real) real.terminate();
    };
    whenWanted(start);
    return standIn;
  };

  // The search dialog's inside, as Material's partials/search.html writes it: the page has only
  // the dialog and its words (overrides/partials/search.html), so that every page is lighter.
  // The magnifier is the header's search button's icon; the others are Material's defaults
  // (material/arrow-left, material/close).
  function buildDialog(dialog) {
    if (!dialog || dialog.firstElementChild) return;
    var svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="';
    var button = document.querySelector('.md-header__button[for="__search"] svg');
    dialog.innerHTML =
      '<label class="md-search__overlay" for="__search"></label>' +
      '<div class="md-search__inner" role="search"><form class="md-search__form" name="search">' +
      '<input type="text" class="md-search__input" name="query" autocapitalize="off" ' +
      'autocomplete="off" spellcheck="false" data-md-component="search-query" required>' +
      '<label class="md-search__icon md-icon" for="__search">' +
      (button ? button.outerHTML : "") +
      svg + 'M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11z"/></svg></label>' +
      '<nav class="md-search__options"><button type="reset" class="md-search__icon md-icon" ' +
      'tabindex="-1">' + svg +
      'M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 ' +
      '17.59 13.41 12z"/></svg></button></nav></form>' +
      '<div class="md-search__output"><div class="md-search__scrollwrap" tabindex="0" ' +
      'data-md-scrollfix><div class="md-search-result" data-md-component="search-result">' +
      '<div class="md-search-result__meta"></div>' +
      '<ol class="md-search-result__list" role="presentation"></ol></div></div></div></div>';
    // The words, set as text (never parsed as HTML).
    var words = dialog.dataset;
    var input = dialog.querySelector("input");
    input.setAttribute("aria-label", words.searchPlaceholder);
    input.setAttribute("placeholder", words.searchPlaceholder);
    dialog.querySelector("nav").setAttribute("aria-label", dialog.getAttribute("aria-label"));
    var reset = dialog.querySelector("button");
    reset.setAttribute("title", words.searchReset);
    reset.setAttribute("aria-label", words.searchReset);
    dialog.querySelector(".md-search-result__meta").textContent = words.searchInitializer;
  }
})();
