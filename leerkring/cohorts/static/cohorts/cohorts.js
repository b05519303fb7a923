// Drag a person to another community (or onto a person to swap). Progressive
// enhancement of the "Move someone" form: it fills that form and submits it, so
// the server (htmx) does the move, rescoring and violations as for keyboard users.
"use strict";

(() => {
  let dragged = null;

  document.addEventListener("dragstart", (event) => {
    const item = event.target.closest && event.target.closest("[data-member]");
    if (!item || item.getAttribute("draggable") !== "true") return;
    dragged = item;
    item.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.dataset.member);
  });

  document.addEventListener("dragend", () => {
    if (dragged) dragged.classList.remove("dragging");
    document.querySelectorAll(".drop-target").forEach((el) => el.classList.remove("drop-target"));
    dragged = null;
  });

  document.addEventListener("dragover", (event) => {
    const card = event.target.closest && event.target.closest("[data-group]");
    if (!dragged || !card) return;
    event.preventDefault();
    document.querySelectorAll(".drop-target").forEach((el) => el.classList.remove("drop-target"));
    card.classList.add("drop-target");
  });

  document.addEventListener("drop", (event) => {
    const card = event.target.closest && event.target.closest("[data-group]");
    const form = document.getElementById("move-form");
    if (!dragged || !card || !form) return;
    event.preventDefault();
    if (card.contains(dragged)) return;
    form.querySelector("[name=member]").value = dragged.dataset.member;
    const onto = event.target.closest("[data-member]");
    if (onto) {
      form.querySelector("[name=swap_with]").value = onto.dataset.member;
      form.requestSubmit(form.querySelector("[data-swap]"));
    } else {
      form.querySelector("[name=to_group]").value = card.dataset.group;
      form.requestSubmit(form.querySelector("[data-move]"));
    }
  });
})();
