/* Vun Trồng service worker, served at /sw.js by lms/offline/views.py; its rules are in
   docs/developers.md ("Learning offline"). Hand-written, nothing from a CDN.
   - The admin, documents, log-in/out, health checks, the sync endpoint, and staff pages
     outside the admin (roster, log-in slips): never answered here, so always the
     network and never cached.
   - Learner pages (navigations): the network first, a copy kept in the page cache of
     the signed-in account; without a connection, the kept copy or the offline page.
   - The learner site's stylesheet and scripts: cache first, in a cache named after this
     worker's version (a digest of their contents).
   - Images under MEDIA_URL shown on learner pages: cache first, in the account's cache.
   - Class packs: downloaded on the page's request ("pack" message), only what changed. */
"use strict";
var CONFIG = {{ config|safe }};
var STATIC = "vt-static-" + CONFIG.version;
var PAGES = "vt-pages-"; // + the account's key: each account has its own cache
var META = "vt-meta";
var INDEX = "/__vt/index"; // {url: version} of what the class packs stored
var user = null; // the key of the signed-in account, "" when signed out

function currentUser() {
  if (user !== null) return Promise.resolve(user);
  return caches.open(META)
    .then(function (cache) { return cache.match("/__vt/user"); })
    .then(function (hit) { return hit ? hit.text() : ""; })
    .then(function (key) { user = key; return key; });
}

function dropPages(keep) {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PAGES) === 0 && name !== keep;
    }).map(function (name) { return caches.delete(name); }));
  });
}

// Each page tells which account is signed in; another account's pages are deleted.
function setUser(key) {
  user = key;
  return caches.open(META).then(function (cache) {
    return cache.put("/__vt/user", new Response(key));
  }).then(function () { return key ? dropPages(PAGES + key) : null; });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(STATIC).then(function (cache) {
    var offline = new Request(CONFIG.offline, { credentials: "omit" });
    return cache.addAll(CONFIG.static.concat([offline]));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("vt-static-") === 0 && name !== STATIC;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function networkOnly(url, request) {
  var referrer = request.referrer ? new URL(request.referrer).pathname : "";
  return CONFIG.networkOnly.some(function (prefix) {
    return url.pathname.indexOf(prefix) === 0 || referrer.indexOf(prefix) === 0;
  }) || CONFIG.networkOnlyParts.some(function (part) {
    return url.pathname.indexOf(part) !== -1;
  });
}

function fromStatic(request) {
  return caches.open(STATIC).then(function (cache) {
    return cache.match(request).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (response.ok) cache.put(request, response.clone());
        return response;
      });
    });
  });
}

// Offline, a rendition not kept is replaced by the widest kept one of the same image
// (Wagtail names them "<image>.width-<n>...", so the part before ".width-" is the image).
function anyWidth(cache, url) {
  var base = url.split(".width-")[0];
  if (base === url) return Promise.resolve(undefined);
  return cache.keys().then(function (requests) {
    var same = requests.filter(function (r) { return r.url.split(".width-")[0] === base; });
    same.sort(function (a, b) { return width(b.url) - width(a.url); });
    return same.length ? cache.match(same[0]) : undefined;
  });
}
function width(url) { return Number((url.match(/\.width-(\d+)/) || [0, 0])[1]); }

function fromMedia(request) {
  return currentUser().then(function (key) {
    if (!key) return fetch(request);
    return caches.open(PAGES + key).then(function (cache) {
      return cache.match(request.url).then(function (hit) {
        return hit || fetch(request).then(function (response) {
          if (response.ok) cache.put(request.url, response.clone());
          return response;
        }, function (error) {
          return anyWidth(cache, request.url).then(function (other) {
            if (other) return other;
            throw error;
          });
        });
      });
    });
  });
}

function offlinePage() {
  return caches.match(CONFIG.offline, { cacheName: STATIC }).then(function (hit) {
    return hit || new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain" } });
  });
}

function page(request) {
  return currentUser().then(function (key) {
    return fetch(request).then(function (response) {
      if (key && response.ok && !response.redirected && response.type === "basic") {
        var copy = response.clone();
        caches.open(PAGES + key).then(function (cache) { cache.put(request.url, copy); });
      }
      return response;
    }, function () {
      if (!key) return offlinePage();
      return caches.open(PAGES + key).then(function (cache) {
        return cache.match(request.url, { ignoreVary: true });
      }).then(function (hit) { return hit || offlinePage(); });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (networkOnly(url, request)) return; // the browser goes to the network itself
  if (CONFIG.static.indexOf(url.pathname) !== -1) {
    event.respondWith(fromStatic(request));
  } else if (url.pathname.indexOf(CONFIG.mediaUrl) === 0) {
    event.respondWith(fromMedia(request));
  } else if (request.mode === "navigate") {
    event.respondWith(page(request));
  }
});

// A class pack: fetch its manifest, then only the entries whose version changed.
function download(manifestUrl, key, tell) {
  return fetch(manifestUrl, { credentials: "same-origin" }).then(function (response) {
    if (!response.ok) throw new Error("manifest " + response.status);
    return response.json();
  }).then(function (manifest) {
    return Promise.all([caches.open(PAGES + key), caches.open(STATIC)]).then(function (opened) {
      var pages = opened[0], statics = opened[1];
      return pages.match(INDEX).then(function (hit) { return hit ? hit.json() : {}; }).then(function (index) {
        var entries = manifest.entries, fetched = 0, bytes = 0, done = 0;
        function one(entry) {
          var cache = CONFIG.static.indexOf(entry.url) !== -1 ? statics : pages;
          return cache.match(entry.url).then(function (hit) {
            if (hit && index[entry.url] === entry.version) return null;
            // Marked, so that keeping a lesson on the phone does not count as reading it.
            var init = { credentials: "same-origin", headers: { "X-Offline-Pack": "1" } };
            return fetch(entry.url, init).then(function (response) {
              if (!response.ok || response.redirected) throw new Error(entry.url + " " + response.status);
              fetched += 1;
              bytes += entry.bytes;
              index[entry.url] = entry.version;
              return cache.put(entry.url, response);
            });
          }).then(function () {
            done += 1;
            tell({ type: "pack-progress", done: done, total: entries.length });
          });
        }
        // Two at a time: enough to fill a 3G link, not enough to choke it.
        var queue = entries.slice();
        function worker() { var entry = queue.shift(); return entry ? one(entry).then(worker) : null; }
        return Promise.all([worker(), worker()]).then(function () {
          return pages.put(INDEX, new Response(JSON.stringify(index)));
        }).then(function () {
          return { type: "pack-done", class: manifest.class, fetched: fetched, bytes: bytes, total: manifest.bytes };
        });
      });
    });
  });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  var source = event.source;
  function tell(message) { if (source) source.postMessage(message); }
  if (data.type === "user") {
    event.waitUntil(setUser(data.key || ""));
  } else if (data.type === "clear") {
    user = "";
    event.waitUntil(dropPages(null).then(function () { return caches.delete(META); }));
  } else if (data.type === "pack" && data.key) {
    event.waitUntil(setUser(data.key).then(function () {
      return download(data.url, data.key, tell);
    }).then(tell, function (error) { tell({ type: "pack-failed", error: String(error) }); }));
  }
});
