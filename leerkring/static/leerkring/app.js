// Leerkring's small progressive enhancements. Pages work without this file.
"use strict";

// Move focus to content that htmx swapped in and marked as a heading target,
// so keyboard and screen-reader users land on what changed.
// The event fires on what was swapped in: with an outerHTML swap, detail.target is the
// element that was just removed, so the search starts from event.target.
document.addEventListener("htmx:afterSwap", (event) => {
  const swapped = event.target;
  if (!(swapped instanceof Element)) return;
  const target = swapped.matches("[data-focus-after-swap]")
    ? swapped
    : swapped.querySelector("[data-focus-after-swap]");
  if (target) {
    target.setAttribute("tabindex", "-1");
    target.focus();
  }
});
