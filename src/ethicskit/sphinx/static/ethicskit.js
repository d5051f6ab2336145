// @ts-check
// First Loyalty: let keyboard and pointer users dismiss a clause paraphrase with Escape (WCAG 1.4.13).
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".ek-clause:hover, .ek-clause:focus-within").forEach(function (el) {
      el.classList.add("ek-tip-dismissed");
    });
  });
  document.addEventListener("focusin", function (event) {
    var target = /** @type {HTMLElement} */ (event.target);
    var holder = target.closest && target.closest(".ek-clause");
    document.querySelectorAll(".ek-tip-dismissed").forEach(function (el) {
      if (el !== holder) el.classList.remove("ek-tip-dismissed");
    });
  });
  document.addEventListener("mouseover", function (event) {
    var target = /** @type {HTMLElement} */ (event.target);
    var holder = target.closest && target.closest(".ek-clause");
    document.querySelectorAll(".ek-tip-dismissed").forEach(function (el) {
      if (el !== holder) el.classList.remove("ek-tip-dismissed");
    });
  });
  // A printed case carries its key points: folded sections open for printing and close again after.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = Array.prototype.filter.call(document.querySelectorAll("details.ek-folded"), function (el) { return !el.open; });
    openedForPrint.forEach(function (el) { el.open = true; });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (el) { el.open = false; });
    openedForPrint = [];
  });
})();
