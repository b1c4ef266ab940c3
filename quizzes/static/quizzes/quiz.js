/* Vun Trồng quizzes: autosave each answer, the server's countdown, submit at zero, and
   the result swapped in once graded. Without JavaScript the page-by-page form, the
   Submit button and the Refresh link do the same. No inline script (CSP). */
(function () {
  "use strict";
  if (!window.fetch) return;
  var tokenInput = document.querySelector("input[name=csrfmiddlewaretoken]");
  var token = tokenInput ? tokenInput.value : (document.cookie.match(/csrftoken=([^;]+)/) || [])[1];

  function send(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token || "", "Accept": "application/json", "Content-Type": "application/json" },
      body: body === undefined ? null : JSON.stringify(body)
    });
  }

  // --- Answers kept on the phone, sent to the server --------------------------------
  // Every answer is first written to this phone (localStorage, keyed per user and
  // attempt: "Đã lưu trên máy"), then sent to the autosave endpoint ("Đã gửi lên máy
  // chủ"). Without a connection, or while the server is busy (5xx), answers wait on the
  // phone and are sent again with growing waits (1, 2, 4 ... 30 s, or Retry-After) and
  // as soon as the browser says it is online. Each save carries a sequence number that
  // rises with each change, and the moment it was given in the server's time, so the
  // server applies a late older save never over a newer one and judges its time
  // (quizzes/offline.py). A submission made offline is kept too and sent after the
  // answers. A refusal (4xx: time is up, a wrong answer) is shown and not retried.
  var sync = document.querySelector("[data-offline-key]");
  var phone = null;
  if (sync) {
    var storeKey = sync.getAttribute("data-offline-key");
    var text = function (name) { return sync.getAttribute("data-" + name + "-text") || ""; };
    var banner = document.querySelector("[data-connection-state]");
    var show = function (message, kind) {
      if (!banner) return;
      banner.hidden = !message;
      banner.className = "save-status " + (kind || "");
      banner.textContent = message || "";
    };
    // Another account's answers on a shared phone are not kept.
    var mine = storeKey.split(":").slice(0, 3).join(":") + ":";
    try {
      for (var i = localStorage.length - 1; i >= 0; i--) {
        var other = localStorage.key(i);
        if (other && other.indexOf("vuntrong:quiz:") === 0 && other.indexOf(mine) !== 0) localStorage.removeItem(other);
      }
    } catch (e) { /* storage unavailable: the answers are only sent */ }
    var memory = null;
    var load = function () {
      if (memory) return memory;
      try { memory = JSON.parse(localStorage.getItem(storeKey) || "null"); } catch (e) { memory = null; }
      memory = memory || { answers: {}, submit: null, lastSequence: 0, offset: null };
      return memory;
    };
    var persist = function () {
      try { localStorage.setItem(storeKey, JSON.stringify(memory)); } catch (e) { /* full: kept in memory */ }
    };
    var state = load();
    if (state.offset === null && navigator.onLine) {
      state.offset = Date.parse(sync.getAttribute("data-server-now")) - Date.now();
      persist();
    }
    // The server's time as this phone estimates it (its clock is not trusted further).
    var serverNow = function () { return Date.now() + (load().offset || 0); };
    var nextSequence = function () {
      var data = load();
      data.lastSequence = Math.max(Date.now(), (data.lastSequence || 0) + 1);
      return data.lastSequence;
    };
    var fieldsetOf = function (id) { return document.querySelector("[data-question='" + id + "']"); };
    var mark = function (id, message, kind) {
      var fieldset = fieldsetOf(id);
      var label = fieldset && fieldset.querySelector("[data-save-state]");
      if (!label) return;
      label.className = "save-state " + kind;
      label.textContent = message;
    };
    var waiting = function () {
      var data = load();
      return Object.keys(data.answers).filter(function (id) {
        var record = data.answers[id];
        return !record.sent && !record.refused;
      });
    };
    var waitingText = function () { return text(load().submit ? "submit-waiting" : "waiting"); };
    var failures = 0;
    var timer = null;
    var sending = false;
    var later = function (response) {
      failures += 1;
      var after = response && parseInt(response.headers.get("Retry-After"), 10);
      var delay = after > 0 ? after * 1000 : Math.min(30000, 1000 * Math.pow(2, Math.min(failures, 5) - 1));
      show(waitingText(), "error");
      clearTimeout(timer);
      timer = setTimeout(flush, delay);
    };
    var sendAnswer = function (id) {
      var record = load().answers[id];
      var body = Object.assign({}, record.body, {
        sequence: record.sequence, saved_at: new Date(record.savedAt).toISOString(), offline: !!record.offline
      });
      return send(sync.getAttribute("data-autosave-url"), body).then(function (response) {
        if (response.status >= 500) throw response;
        return response.json().then(function (data) {
          var current = load().answers[id];
          if (response.ok && data.saved_at) {
            load().offset = Date.parse(data.saved_at) - Date.now();
          }
          if (current.sequence === record.sequence) {
            if (response.ok) current.sent = true; else current.refused = data.error;
          }
          persist();
          if (current.sent) mark(id, "✓ " + text("sent"), "done");
          else if (current.refused) mark(id, data.error, "error");
        });
      });
    };
    var sendSubmit = function () {
      var queued = load().submit;
      var body = { submitted_at: new Date(queued.at).toISOString(), offline: !!queued.offline };
      return send(sync.getAttribute("data-submit-url"), body).then(function (response) {
        if (response.status >= 500) throw response;
        return response.json().then(function (data) {
          if (!response.ok) {
            load().submit = null;
            persist();
            show(data.error, "error");
            return;
          }
          try { localStorage.removeItem(storeKey); } catch (e) { /* nothing kept */ }
          window.location.href = data.result || sync.getAttribute("data-result-url");
        });
      });
    };
    // Send what waits on the phone: the answers one by one, then a queued submission.
    var flush = function () {
      if (sending) return;
      var ids = waiting();
      if (!ids.length && !load().submit) return;
      if (!navigator.onLine) { show(waitingText(), "error"); return; }
      sending = true;
      var hadWaiting = failures > 0 || (banner && !banner.hidden && banner.className.indexOf("error") !== -1);
      var chain = Promise.resolve();
      ids.forEach(function (id) { chain = chain.then(function () { return sendAnswer(id); }); });
      chain.then(function () {
        if (waiting().length) return null;
        failures = 0;
        if (load().submit) return sendSubmit();
        if (hadWaiting) show(text("resaved"), "done");
        return null;
      }).then(function () {
        sending = false;
        if (waiting().length) flush();  // changed while it was being sent
      }, function (failure) {
        sending = false;
        var response = failure instanceof Response ? failure : null;
        if (!response) {  // no connection: these answers wait on the phone
          Object.keys(load().answers).forEach(function (id) {
            var record = load().answers[id];
            if (!record.sent && !record.refused) record.offline = true;
          });
          if (load().submit) load().submit.offline = true;
          persist();
        }
        later(response);
      });
    };
    var keep = function (body) {
      var id = String(body.question);
      load().answers[id] = {
        body: body, sequence: nextSequence(), savedAt: serverNow(),
        offline: !navigator.onLine, sent: false, refused: null
      };
      persist();
      mark(id, text("local"), "local");
    };
    // ``atMost``: the deadline, for the submission the countdown makes at zero (the
    // phone may have been asleep when it reached it).
    var queueSubmit = function (atMost) {
      var at = atMost ? Math.min(serverNow(), atMost) : serverNow();
      if (!load().submit) load().submit = { at: at, offline: !navigator.onLine };
      persist();
      if (!navigator.onLine) show(waitingText(), "error");
      flush();
    };
    window.addEventListener("online", function () { failures = 0; flush(); });
    window.addEventListener("offline", function () { if (waiting().length) show(waitingText(), "error"); });
    // Leaving while answers wait: the browser asks first (they stay on the phone anyway).
    window.addEventListener("beforeunload", function (event) {
      if (waiting().length && navigator.onLine && !sync.submitting) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    phone = { keep: keep, flush: flush, queueSubmit: queueSubmit, state: load, waiting: waiting, show: show, text: text };
  }

  var form = document.querySelector("[data-quiz-form]");
  if (form && phone) {
    var bodyOf = function (fieldset) {
      var id = parseInt(fieldset.getAttribute("data-question"), 10);
      var kind = fieldset.getAttribute("data-kind");
      var body = { question: id };
      if (kind === "radio" || kind === "checkbox") {
        body.choices = [];
        fieldset.querySelectorAll("input:checked").forEach(function (input) {
          body.choices.push(parseInt(input.value, 10));
        });
      } else {
        var field = fieldset.querySelector("input[type=text], textarea");
        body.text = field ? field.value : "";
      }
      return body;
    };
    // A page kept by the service worker may be older than what this phone holds.
    var restore = function () {
      var answers = phone.state().answers;
      Object.keys(answers).forEach(function (id) {
        var record = answers[id];
        var fieldset = document.querySelector("[data-question='" + id + "']");
        if (!fieldset || record.refused) return;
        if (record.body.choices) {
          fieldset.querySelectorAll("input").forEach(function (input) {
            input.checked = record.body.choices.indexOf(parseInt(input.value, 10)) !== -1;
          });
        } else {
          var field = fieldset.querySelector("input[type=text], textarea");
          if (field) field.value = record.body.text || "";
        }
        var label = fieldset.querySelector("[data-save-state]");
        if (label) {
          label.className = "save-state " + (record.sent ? "done" : "local");
          label.textContent = record.sent ? "✓ " + phone.text("sent") : phone.text("local");
        }
      });
    };
    restore();
    var timers = {};
    var changed = function (event, delay) {
      var fieldset = event.target.closest("[data-question]");
      if (!fieldset) return;
      phone.keep(bodyOf(fieldset));
      var key = fieldset.getAttribute("data-question");
      clearTimeout(timers[key]);
      timers[key] = setTimeout(phone.flush, delay);
    };
    form.addEventListener("change", function (event) { changed(event, 0); });
    form.addEventListener("input", function (event) {
      if (event.target.matches("input[type=text], textarea")) changed(event, 1500);
    });
    form.addEventListener("submit", function (event) {
      if (!navigator.onLine) {
        // No connection: the answers are on the phone. Finishing queues the submission;
        // another page is opened from what the phone keeps.
        event.preventDefault();
        var action = event.submitter ? event.submitter.value : "next";
        if (action === "finish") return phone.queueSubmit(null);
        var number = parseInt(form.querySelector("input[name=page]").value, 10);
        number = action === "previous" ? number - 1 : action.indexOf("page-") === 0 ? parseInt(action.slice(5), 10) : number + 1;
        window.location.href = form.getAttribute("action") + "?page=" + number;
        return;
      }
      // The form carries this page's answers to the server.
      form.querySelectorAll("[data-question]").forEach(function (fieldset) {
        var record = phone.state().answers[fieldset.getAttribute("data-question")];
        if (record) record.sent = true;
      });
      sync.submitting = true;
      try { localStorage.setItem(storeKey, JSON.stringify(phone.state())); } catch (e) { /* kept in memory */ }
    });
  }

  // The confirmation page: "Submit" without a connection is queued on the phone.
  var confirm = document.querySelector("[data-quiz-submit]");
  if (confirm && phone) {
    confirm.addEventListener("submit", function (event) {
      if (navigator.onLine && !phone.waiting().length) {
        sync.submitting = true;
        try { localStorage.removeItem(storeKey); } catch (e) { /* nothing kept */ }
        return;
      }
      event.preventDefault();
      phone.queueSubmit(null);
    });
  }
  if (phone) phone.flush();

  // --- Countdown; submit at zero -------------------------------------------------------
  var clock = document.querySelector("[data-quiz-clock]");
  if (clock) {
    var left = parseInt(clock.getAttribute("data-seconds-left"), 10);
    var shown = clock.querySelector("[data-quiz-clock-value]");
    var ends = Date.now() + left * 1000;
    // A page kept on the phone was rendered earlier: count from the server's deadline.
    var deadline = Date.parse(clock.getAttribute("data-deadline") || "");
    if (phone && !isNaN(deadline) && phone.state().offset !== null) ends = deadline - phone.state().offset;
    var done = false;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var tick = function () {
      var seconds = Math.max(0, Math.round((ends - Date.now()) / 1000));
      var hours = Math.floor(seconds / 3600);
      shown.textContent = (hours ? hours + ":" : "") + pad(Math.floor(seconds / 60) % 60) + ":" + pad(seconds % 60);
      if (seconds > 0 || done) return;
      done = true;
      // Each answer was kept when it changed: hand the attempt in (queued on the phone
      // without a connection, sent after the answers).
      if (phone) return phone.queueSubmit(isNaN(deadline) ? null : deadline);
      var finish = function () { window.location.href = clock.getAttribute("data-result-url"); };
      send(clock.getAttribute("data-submit-url")).then(finish, finish);
    };
    if (!isNaN(left)) {
      tick();
      setInterval(tick, 1000);
    }
  }

  // --- Result: poll until graded -------------------------------------------------------
  var result = document.querySelector("[data-quiz-result][data-status-url]");
  if (result) {
    var url = result.getAttribute("data-status-url");
    var polls = 0;
    var poll = function () {
      polls += 1;
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (data && data.graded && data.html) {
            result.innerHTML = data.html;
            result.removeAttribute("data-status-url");
            return;
          }
          // Every 2 s for two minutes, then every 15 s (an essay waits for a lecturer).
          setTimeout(poll, polls < 60 ? 2000 : 15000);
        })
        .catch(function () { setTimeout(poll, 15000); });
    };
    setTimeout(poll, 2000);
  }
})();
