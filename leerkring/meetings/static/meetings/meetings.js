// The timer of the current agenda item in the room. The server keeps when the
// item started (data-started), so a reload shows the right time.
"use strict";

(() => {
  const pad = (n) => String(n).padStart(2, "0");
  const format = (seconds) => `${Math.floor(seconds / 60)}:${pad(seconds % 60)}`;

  function tick() {
    document.querySelectorAll(".timer[data-started]").forEach((timer) => {
      const started = Date.parse(timer.dataset.started);
      if (Number.isNaN(started)) return;
      const planned = Number(timer.dataset.minutes) * 60;
      const elapsed = Math.max(0, Math.floor((Date.now() - started) / 1000));
      const left = planned - elapsed;
      timer.classList.toggle("is-over", left < 0);
      timer.textContent = left >= 0
        ? `${format(left)} ${timer.dataset.left}`
        : `+${format(-left)} ${timer.dataset.over}`;
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    tick();
    window.setInterval(tick, 1000);
  });
  document.addEventListener("htmx:afterSwap", tick);
})();

// The room polls its agenda so the projector follows the coach panel. A poll
// never replaces the controls while someone is using them (keyboard focus
// would be lost), and stops while the page is hidden.
document.addEventListener("htmx:beforeRequest", (event) => {
  const source = event.detail.elt;
  if (!(source instanceof Element) || !source.matches("[data-poll]")) return;
  if (document.hidden || source.contains(document.activeElement)) {
    event.preventDefault();
  }
});
