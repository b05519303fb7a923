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

// A table wider than its place (a phone) is laid out as one card per row, each
// cell labelled with its column's heading: nothing scrolls sideways. Explicit
// roles keep it a table for screen readers once CSS no longer displays it as one.
const ROLES = { table: "table", thead: "rowgroup", tbody: "rowgroup", tfoot: "rowgroup", tr: "row" };

function label(table) {
  const headings = [...table.querySelectorAll("thead tr:last-child th")].map((th) =>
    th.textContent.trim().replace(/\s+/g, " ")
  );
  for (const row of table.querySelectorAll("tbody tr, tfoot tr")) {
    let column = 0;
    for (const cell of row.cells) {
      const heading = headings[column];
      if (heading && cell.tagName === "TD") cell.dataset.label = heading;
      column += cell.colSpan || 1;
    }
  }
}

function giveRoles(table) {
  for (const element of [table, ...table.querySelectorAll("thead, tbody, tfoot, tr, th, td")]) {
    const name = element.tagName.toLowerCase();
    let role = ROLES[name];
    if (name === "td") role = "cell";
    if (name === "th") role = element.closest("thead") || element.scope === "col" ? "columnheader" : "rowheader";
    if (role && !element.hasAttribute("role")) element.setAttribute("role", role);
  }
}

function fitTables(root) {
  for (const table of root.querySelectorAll("table.table")) {
    table.classList.remove("table-stacked");
    const room = table.parentElement.clientWidth;
    if (table.offsetWidth <= room + 1) continue;
    if (!table.dataset.labelled) {
      label(table);
      giveRoles(table);
      table.dataset.labelled = "true";
    }
    table.classList.add("table-stacked");
  }
}

document.addEventListener("DOMContentLoaded", () => fitTables(document));
document.addEventListener("htmx:afterSettle", (event) => {
  if (event.target instanceof Element) fitTables(event.target.parentElement || document);
});
let resizing;
window.addEventListener("resize", () => {
  clearTimeout(resizing);
  resizing = setTimeout(() => fitTables(document), 150);
});
