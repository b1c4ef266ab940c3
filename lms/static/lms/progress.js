/* Vun Trồng: time on a lesson and "reached the end". Without JavaScript the
   "finished" button still works; the server measures time, so a heartbeat that is
   sent twice or late never inflates it. Without a connection, the view, the minutes
   read and "finished" are queued on the phone (lms/offline.js) and sent later. */
(function () {
  "use strict";
  var box = document.querySelector("[data-lesson-end]");
  if (!box) return;
  var tokenInput = box.querySelector("input[name=csrfmiddlewaretoken]");
  var token = tokenInput ? tokenInput.value : (document.cookie.match(/csrftoken=([^;]+)/) || [])[1];
  var lesson = Number(box.getAttribute("data-lesson"));
  var klass = Number(box.getAttribute("data-class"));
  function offline() { return navigator.onLine === false; }
  // Kept on the phone when there is no connection; false when it cannot be.
  function keep(kind, seconds) {
    if (!window.vtOffline || !lesson || !klass) return Promise.resolve(false);
    return window.vtOffline.queue({ kind: kind, "class": klass, lesson: lesson, seconds: seconds || 0 })
      .then(function () { return true; }, function () { return false; });
  }
  function post(url) {
    if (!token || !window.fetch || offline()) return Promise.resolve(null);
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, "Accept": "application/json" }
    }).catch(function () { return null; });
  }
  if (offline()) keep("viewed");
  // A heartbeat every minute while the page is visible; a minute read offline is kept.
  setInterval(function () {
    if (document.visibilityState !== "visible") return;
    post(box.getAttribute("data-heartbeat")).then(function (response) {
      if (!response) keep("time", 60);
    });
  }, 60000);
  var form = box.querySelector("form");
  function finished(text) {
    var note = document.createElement("p");
    note.className = "done";
    note.setAttribute("role", "status");
    note.textContent = "✓ " + text;
    form.replaceWith(note);
  }
  function finishOffline() {
    return keep("finished").then(function (kept) {
      if (kept) finished(box.getAttribute("data-kept-text") || "");
      return kept;
    });
  }
  if (!form) return;
  // Without a connection the button keeps "finished" on the phone instead of posting.
  form.addEventListener("submit", function (event) {
    if (!offline()) return;
    event.preventDefault();
    finishOffline();
  });
  // Reaching the end of the lesson after reading for a while counts as finishing it.
  if (!("IntersectionObserver" in window)) return;
  var opened = Date.now();
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting || Date.now() - opened < 30000) return;
      observer.disconnect();
      post(box.getAttribute("data-complete")).then(function (response) {
        if (response && response.ok) finished(box.getAttribute("data-done-text") || "");
        else if (!response) finishOffline();
      });
    });
  });
  observer.observe(box);
})();
