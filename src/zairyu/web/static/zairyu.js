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
// A link to a source folded inside <details> opens it.
(function () {
  "use strict";
  function reveal() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    var folded = target && target.closest("details");
    if (folded) {
      folded.setAttribute("open", "");
      target.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", reveal);
  reveal();
})();
