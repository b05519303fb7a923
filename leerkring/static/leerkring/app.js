// Leerkring's small progressive enhancements. Pages work without this file.
"use strict";

// Move focus to content that htmx swapped in and marked as a heading target,
// so keyboard and screen-reader users land on what changed.
document.addEventListener("htmx:afterSwap", (event) => {
  const target = event.detail.target.querySelector("[data-focus-after-swap]");
  if (target) {
    target.setAttribute("tabindex", "-1");
    target.focus();
  }
});
