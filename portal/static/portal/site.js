/* Vun Trồng: small enhancements only; every page works without this file. */
(function () {
  "use strict";
  // Video cards load the player only when the learner asks for it (saves data on 3G).
  document.querySelectorAll("figure.video[data-embed]").forEach(function (figure) {
    var src = figure.getAttribute("data-embed");
    var button = figure.querySelector(".video-play");
    if (!src || !button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = src;
      frame.title = figure.getAttribute("data-title") || "";
      frame.allow = "fullscreen; picture-in-picture";
      frame.loading = "lazy";
      button.replaceWith(frame);
    });
  });
})();
