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
  var form = document.querySelector("[data-quiz-form]");
  if (form) {
    var saveUrl = form.getAttribute("data-autosave-url");
    var timers = {};
    var save = function (fieldset) {
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
      var state = fieldset.querySelector("[data-save-state]");
      send(saveUrl, body).then(function (response) {
        return response.json().then(function (data) {
          if (!state) return;
          state.className = response.ok ? "save-state done" : "save-state error";
          state.textContent = response.ok ? "✓ " + form.getAttribute("data-saved-text") : data.error;
        });
      }).catch(function () {
        if (state) {
          state.className = "save-state error";
          state.textContent = form.getAttribute("data-failed-text");
        }
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
