/* Ashyq's only script of its own (served by us, allowed by the Content-Security-Policy; no inline script).
   Progressive enhancement: without it the menu stays open and every page still works. */
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 47.99em)");

  function setUpMenu() {
    var header = document.querySelector(".site-header");
    var button = document.querySelector(".menu-button");
    var menu = document.getElementById("site-menu");
    if (!header || !button || !menu) return;
    header.classList.add("js-menu");
    function show(open) {
      menu.classList.toggle("collapsed", !open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    show(false);
    button.addEventListener("click", function () {
      show(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && narrow.matches && button.getAttribute("aria-expanded") === "true") {
        show(false);
        button.focus();
      }
    });
  }

  /* A table that scrolls inside its own box must be reachable by keyboard (WCAG 2.1.1). */
  function markScrollingTables() {
    document.querySelectorAll("table.table").forEach(function (table) {
      var scrolls = table.scrollWidth > table.clientWidth + 1;
      if (scrolls && !table.hasAttribute("tabindex")) {
        table.setAttribute("tabindex", "0");
        table.setAttribute("data-scrolls", "");
      } else if (!scrolls && table.hasAttribute("data-scrolls")) {
        table.removeAttribute("tabindex");
        table.removeAttribute("data-scrolls");
      }
    });
  }

  function setUpPrintButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpMenu();
    setUpPrintButtons();
    markScrollingTables();
    window.addEventListener("resize", markScrollingTables);
    document.body.addEventListener("htmx:afterSwap", markScrollingTables);
  });
})();
