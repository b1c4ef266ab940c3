/* Vun Trồng offline: registers the service worker (/sw.js), keeps progress recorded
   without a connection in IndexedDB and sends it when the connection returns, downloads
   a class pack on request, and clears what this account stored at log-out. Every page
   works without this file. See docs/developers.md ("Learning offline"). */
(function () {
  "use strict";
  var meta = document.querySelector("meta[name=vt-offline]");
  if (!meta) return;
  var user = meta.getAttribute("data-user") || "";
  var syncUrl = meta.getAttribute("data-sync");
  var field = document.querySelector("input[name=csrfmiddlewaretoken]");
  var token = (document.cookie.match(/csrftoken=([^;]+)/) || [])[1] || (field && field.value);
  var worker = "serviceWorker" in navigator;

  function tellWorker(message) {
    if (!worker) return Promise.resolve(null);
    return navigator.serviceWorker.ready.then(function (registration) {
      if (registration.active) registration.active.postMessage(message);
      return registration;
    });
  }
  if (worker) {
    navigator.serviceWorker.register(meta.getAttribute("data-sw"), { scope: "/" }).catch(function () {});
    // The offline page names no account: the worker keeps the one it knows.
    if (meta.hasAttribute("data-user")) tellWorker({ type: "user", key: user });
  }

  // --- The queue of progress events (IndexedDB "vuntrong", store "events") ---------
  function store(mode, work) {
    return new Promise(function (resolve, reject) {
      if (!window.indexedDB) return reject(new Error("no IndexedDB"));
      var open = indexedDB.open("vuntrong", 1);
      open.onupgradeneeded = function () { open.result.createObjectStore("events", { keyPath: "key" }); };
      open.onerror = function () { reject(open.error); };
      open.onsuccess = function () {
        var tx = open.result.transaction("events", mode);
        var result = work(tx.objectStore("events"));
        tx.oncomplete = function () { open.result.close(); resolve(result && result.result); };
        tx.onerror = function () { open.result.close(); reject(tx.error); };
      };
    });
  }
  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }
  function queue(event) {
    event.key = newKey();
    event.user = user;
    event.at = new Date().toISOString();
    return store("readwrite", function (events) { return events.put(event); });
  }
  // A server that is busy or restarting (5xx, 429) or out of reach while the phone
  // believes it is online: try again on this page, waiting 2 s, 4 s, ... up to a minute.
  // Refused (403 after a log-out elsewhere, 400): kept for the next page instead.
  var flushing = null, retryIn = 0, retryTimer = null;
  function retryLater() {
    if (retryTimer) return;
    retryIn = Math.min(retryIn ? retryIn * 2 : 2000, 60000);
    retryTimer = setTimeout(function () { retryTimer = null; flush(); }, retryIn);
  }
  function flush() {
    if (flushing) return flushing;
    if (!user || !token || !window.fetch || !navigator.onLine) return Promise.resolve(0);
    flushing = store("readonly", function (events) { return events.getAll(); }).then(function (all) {
      var mine = (all || []).filter(function (event) { return event.user === user; }).slice(0, 500);
      if (!mine.length) return 0;
      var body = JSON.stringify({ events: mine.map(function (event) {
        return { key: event.key, kind: event.kind, "class": event["class"], lesson: event.lesson, at: event.at, seconds: event.seconds || 0 };
      }) });
      return fetch(syncUrl, {
        method: "POST", credentials: "same-origin", body: body,
        headers: { "X-CSRFToken": token, "Content-Type": "application/json", "Accept": "application/json" }
      }).then(function (response) {
        if (response.status >= 500 || response.status === 429) retryLater();
        if (!response.ok) throw new Error("sync " + response.status);
        return response.json();
      }, function (error) {
        retryLater();  // the request did not reach the server
        throw error;
      }).then(function (answer) {
        retryIn = 0;
        return store("readwrite", function (events) {
          answer.results.forEach(function (result) { events.delete(result.key); });
        }).then(function () { return answer.results.length; });
      });
    }).catch(function () { return 0; }).then(function (sent) { flushing = null; return sent; });
    return flushing;
  }
  window.vtOffline = { queue: queue, flush: flush, user: user };
  window.addEventListener("online", flush);
  flush();

  // --- Log-out: send what is queued, then forget this account's pages and queue -----
  document.querySelectorAll("form[data-logout]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-flushed")) return;
      event.preventDefault();
      var timeout = new Promise(function (resolve) { setTimeout(resolve, 5000); });
      Promise.race([flush(), timeout]).then(function () {
        return store("readwrite", function (events) { return events.clear(); }).catch(function () {});
      }).then(function () {
        return Promise.race([tellWorker({ type: "clear" }), timeout]);
      }).then(function () {
        form.setAttribute("data-flushed", "1");
        form.submit();
      });
    });
  });

  // --- "Download to study offline" on a class path ----------------------------------
  var box = document.querySelector("[data-pack]");
  if (!box || !worker || !user) return;
  var status = box.querySelector("[data-pack-status]");
  var check = box.querySelector("[data-pack-check]");
  var go = box.querySelector("[data-pack-go]");
  var manifestUrl = box.getAttribute("data-pack");
  function say(text) { status.textContent = text; }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_m, name) { return values[name]; });
  }
  box.hidden = false;
  // Already kept on this phone: say so; the button then fetches only what changed.
  if (window.caches) {
    caches.open("vt-pages-" + user).then(function (cache) { return cache.match("/__vt/index"); })
      .then(function (hit) { return hit ? hit.json() : {}; })
      .then(function (index) {
        if (!index[location.pathname]) return;
        box.setAttribute("data-stored", "1");
        say(box.getAttribute("data-done"));
        check.textContent = box.getAttribute("data-update");
      }).catch(function () {});
  }
  check.addEventListener("click", function () {
    say(box.getAttribute("data-checking"));
    fetch(manifestUrl, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (manifest) {
      say(fill(box.getAttribute("data-size"), { size: manifest.size_text }));
      check.hidden = true;
      go.hidden = false;
      go.focus();
    }).catch(function () { say(box.getAttribute("data-failed")); });
  });
  navigator.serviceWorker.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type === "pack-progress") {
      say(fill(box.getAttribute("data-progress"), { done: data.done, total: data.total }));
    } else if (data.type === "pack-done") {
      box.setAttribute("data-stored", "1");
      box.setAttribute("data-fetched", data.fetched);
      say(box.getAttribute("data-done"));
      go.disabled = false;
    } else if (data.type === "pack-failed") {
      say(box.getAttribute("data-failed"));
      go.disabled = false;
    }
  });
  go.addEventListener("click", function () {
    go.disabled = true;
    tellWorker({ type: "pack", url: manifestUrl, key: user });
  });
})();
