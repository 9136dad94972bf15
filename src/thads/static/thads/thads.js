/* THADS page behaviour shared by every page (served by the application; no library).
   1. A table wider than its column scrolls inside its own box, never the whole page; a box that scrolls becomes a
      keyboard-focusable, labelled region so that it can be scrolled with the arrow keys.
   2. A case number in a table cell (a link such as HUE-KV1-2026-00083) is not broken at its hyphens.
   3. A form returned with errors puts the focus on the first field to correct.
   4. The Administration menu (<details class="dropdown">) closes with Escape, on a click elsewhere and when the
      focus leaves it. */
(function () {
  "use strict";
  var label = document.documentElement.getAttribute("data-scroll-label") || "";

  function boxes() {
    var main = document.getElementById("main");
    if (!main) { return []; }
    var found = [];
    Array.prototype.forEach.call(main.querySelectorAll("table"), function (table) {
      var box = table.parentElement.closest(".table-scroll, .scroll");
      if (!box) {
        box = document.createElement("div");
        box.className = "table-scroll";
        table.parentNode.insertBefore(box, table);
        box.appendChild(table);
      }
      if (found.indexOf(box) < 0) { found.push(box); }
    });
    return found;
  }

  var all = [];
  function measure() {
    all.forEach(function (box) {
      if (!box.isConnected) { return; }
      box.classList.remove("is-wide");
      var wide = box.offsetParent !== null && box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle("is-wide", wide);
      if (wide) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var caption = box.querySelector("caption");
        box.setAttribute("aria-label", (caption ? caption.textContent.trim() + " — " : "") + label);
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  var pending = 0;
  function later() {
    if (pending) { return; }
    pending = window.requestAnimationFrame(function () { pending = 0; measure(); });
  }

  function closeMenus(except) {
    Array.prototype.forEach.call(document.querySelectorAll("details.dropdown[open]"), function (menu) {
      if (menu !== except) { menu.open = false; }
    });
  }

  var CODE = /^[^\s-]+(-[^\s-]+)+$/; // HUE-KV1-2026-00083, 83/QĐ-PTHADS: one word, not three lines

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("#main td a"), function (link) {
      var text = link.textContent.trim();
      if (text.length <= 40 && CODE.test(text)) { link.classList.add("nobreak"); }
    });
    all = boxes();
    measure();

    // A form sent back with errors: the keyboard starts at the first field to correct (its message is tied to it).
    var invalid = document.querySelector("#main [aria-invalid=true]");
    if (invalid && (document.activeElement === document.body || document.activeElement === null)) { invalid.focus(); }
    window.addEventListener("resize", later);
    document.addEventListener("toggle", later, true); // a <details> opened: its tables now have a width

    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      var menu = event.target.closest && event.target.closest("details.dropdown[open]");
      if (menu) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
    document.addEventListener("click", function (event) {
      closeMenus(event.target.closest ? event.target.closest("details.dropdown") : null);
    });
    document.addEventListener("focusin", function (event) {
      closeMenus(event.target.closest ? event.target.closest("details.dropdown") : null);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
