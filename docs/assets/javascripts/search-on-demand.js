/* Search on demand. Material downloads the search index (about 19 KB) and starts its
   search worker (about 12 KB) on every page load, but most patients never search. This
   holds both back until someone opens search, or arrives from a search result (?h=).
   It must run before Material's bundle (main.html loads it first). */
(function () {
  "use strict";
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
})();
