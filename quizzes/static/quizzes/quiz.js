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

  // --- Autosave ---------------------------------------------------------------------
  // Each answer is sent when it changes. If the connection drops or the server answers
  // "busy" (5xx: a restart, a short outage), the latest answer of each question is sent
  // again with growing waits (1, 2, 4 ... 30 s, or the server's Retry-After) until it is
  // saved; the learner is told while answers wait and when they are saved again. A
  // refusal (4xx: time is up, a wrong answer) is shown and not retried.
  var form = document.querySelector("[data-quiz-form]");
  if (form) {
    var saveUrl = form.getAttribute("data-autosave-url");
    var banner = form.querySelector("[data-connection-state]");
    var timers = {};
    var sequence = {};
    var waiting = {};  // question id -> true while its answer waits for a retry
    var failures = 0;
    var countWaiting = function () { return Object.keys(waiting).length; };
    var show = function (text, kind) {
      if (!banner) return;
      banner.hidden = !text;
      banner.className = "save-status " + (kind || "");
      banner.textContent = text || "";
    };
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
    var retryLater = function (fieldset, key, response) {
      waiting[key] = true;
      failures += 1;
      var after = response && parseInt(response.headers.get("Retry-After"), 10);
      var delay = after > 0 ? after * 1000 : Math.min(30000, 1000 * Math.pow(2, Math.min(failures, 5) - 1));
      var state = fieldset.querySelector("[data-save-state]");
      if (state) {
        state.className = "save-state error";
        state.textContent = form.getAttribute("data-failed-text");
      }
      show(form.getAttribute("data-retry-text"), "error");
      clearTimeout(timers[key]);
      timers[key] = setTimeout(function () { save(fieldset); }, delay);
    };
    var save = function (fieldset) {
      var key = fieldset.getAttribute("data-question");
      var mine = (sequence[key] || 0) + 1;
      sequence[key] = mine;
      var state = fieldset.querySelector("[data-save-state]");
      send(saveUrl, bodyOf(fieldset)).then(function (response) {
        if (sequence[key] !== mine) return;  // a newer answer is on its way
        if (response.status >= 500) return retryLater(fieldset, key, response);
        return response.json().then(function (data) {
          var wasWaiting = countWaiting() > 0;
          delete waiting[key];
          if (response.ok) failures = 0;
          if (state) {
            state.className = response.ok ? "save-state done" : "save-state error";
            state.textContent = response.ok ? "✓ " + form.getAttribute("data-saved-text") : data.error;
          }
          if (wasWaiting && !countWaiting()) show(form.getAttribute("data-resaved-text"), "done");
        });
      }).catch(function () {
        if (sequence[key] === mine) retryLater(fieldset, key, null);
      });
    };
    var schedule = function (event, delay) {
      var fieldset = event.target.closest("[data-question]");
      if (!fieldset) return;
      var key = fieldset.getAttribute("data-question");
      clearTimeout(timers[key]);
      timers[key] = setTimeout(function () { save(fieldset); }, delay);
    };
    form.addEventListener("change", function (event) { schedule(event, 0); });
    form.addEventListener("input", function (event) {
      if (event.target.matches("input[type=text], textarea")) schedule(event, 1500);
    });
    // Leaving while answers wait would lose them: the browser asks first.
    window.addEventListener("beforeunload", function (event) {
      if (countWaiting() && !form.submitting) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    form.addEventListener("submit", function () { form.submitting = true; });
  }

  // --- Countdown; submit at zero -------------------------------------------------------
  var clock = document.querySelector("[data-quiz-clock]");
  if (clock) {
    var left = parseInt(clock.getAttribute("data-seconds-left"), 10);
    var shown = clock.querySelector("[data-quiz-clock-value]");
    var ends = Date.now() + left * 1000;
    var done = false;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var tick = function () {
      var seconds = Math.max(0, Math.round((ends - Date.now()) / 1000));
      var hours = Math.floor(seconds / 3600);
      shown.textContent = (hours ? hours + ":" : "") + pad(Math.floor(seconds / 60) % 60) + ":" + pad(seconds % 60);
      if (seconds > 0 || done) return;
      done = true;
      var finish = function () { window.location.href = clock.getAttribute("data-result-url"); };
      // Each answer was saved when it changed: hand the attempt in.
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
