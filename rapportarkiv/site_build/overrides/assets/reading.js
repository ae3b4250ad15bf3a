/* rapportarkiv: reading on a phone and on paper.
   - Tables: on a narrow screen each row is shown as a card, each cell with its
     column's name (data-label). The archive's own report tables carry the names
     from the build; any other table.ra-table gets them here from its header row.
     Without JavaScript such a table scrolls sideways instead, words whole.
   - Print: the footer printed under a report says when it was printed. Without
     JavaScript it still gives the report's address, from the build. */
(function () {
  "use strict";

  function labelTables() {
    var tables = document.querySelectorAll("table.ra-table:not(.ra-table--stack)");
    Array.prototype.forEach.call(tables, function (table) {
      var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      if (!names.length) { return; }
      Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          if (!cell.hasAttribute("data-label") && names[index]) { cell.setAttribute("data-label", names[index]); }
        });
      });
      table.classList.add("ra-table--stack");
    });
  }

  /* Text as a CSS string: everything but plain letters, digits and a few marks as a
     hexadecimal escape, so no address or wording can end the string or the style sheet. */
  function cssString(text) {
    return '"' + Array.from(String(text)).map(function (c) {
      return /[A-Za-z0-9 .,:\/_-]/.test(c) ? c : "\\" + c.codePointAt(0).toString(16) + " ";
    }).join("") + '"';
  }

  /* The address and the print date at the foot of every printed page: in the page's
     bottom margin boxes (@page @bottom-left/right; Chromium has them since 131), so the
     text never runs under them as under a position: fixed footer (Chromium repeats that
     on every page, but inside the page's text area). A browser without margin boxes keeps the footer at the end
     of the document; so does a reader without JavaScript (with the build's address). */
  function pageFooter(address, printed) {
    if (typeof window.CSSMarginRule === "undefined") { return; }
    var style = document.getElementById("ra-print-page");
    if (!style) {
      style = document.createElement("style");
      style.id = "ra-print-page";
      document.head.appendChild(style);
    }
    style.textContent = "@page { @bottom-left { content: " + cssString(address) + "; }" +
      " @bottom-right { content: " + cssString(printed + " \u00b7 ") + " counter(page) \" (\" counter(pages) \")\"; } }";
    document.documentElement.classList.add("ra-print-margins");
  }

  function stampPrintDate() {
    var stamp = document.querySelector("[data-ra-printed]");
    if (!stamp) { return; }
    var when = new Date().toLocaleDateString("sv-SE", { day: "numeric", month: "long", year: "numeric" });
    stamp.textContent = stamp.getAttribute("data-ra-printed").replace("{date}", when);
    var address = document.querySelector("[data-ra-address]");
    if (address) {
      var url = window.location.href.split("#")[0];
      address.textContent = address.getAttribute("data-ra-address").replace("{url}", url);
      pageFooter(address.textContent, stamp.textContent);
    }
  }

  function start() {
    labelTables();
    stampPrintDate();
    window.addEventListener("beforeprint", stampPrintDate);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
