// Enhancements only: every page works without this script.
(function () {
  "use strict";
  // Move focus to the error summary so that screen-reader users hear the problem first.
  var summary = document.querySelector("[data-autofocus]");
  if (summary) {
    summary.focus();
  }
  // Printing (and "save as PDF" in the browser) shows every rule, including folded ones.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) {
      d.setAttribute("open", "");
    });
  });
})();
