/* rapportarkiv: Swedish search (Pagefind) in the header, and the archive filter.
   Both enhance pages that work without JavaScript: the archive is a plain list,
   and the search form falls back to that list. */
(function () {
  "use strict";

  function escapeHtml(text) {
    return String(text)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  /* Pagefind's excerpts are text with <mark> around the hits: keep only those tags. */
  function safeExcerpt(excerpt) {
    var text = String(excerpt).replace(/<(\/?)mark>/g, "\u0001$1\u0002");
    text = text.replace(/<[^>]*>/g, "");
    var div = document.createElement("div");
    div.innerHTML = text.replace(/[<>]/g, "");
    return escapeHtml(div.textContent)
      .replace(/\u0001\//g, "</").replace(/\u0001/g, "<")
      .replace(/\u0002/g, "mark>");
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  /* --- Search ------------------------------------------------------------ */
  function setUpSearch(root) {
    var input = root.querySelector("#ra-search-input");
    var form = root.querySelector("form");
    var output = root.querySelector("#ra-search-output");
    var status = root.querySelector("#ra-search-status");
    var list = root.querySelector("#ra-search-results");
    /* data-base is "." or "../.." on most pages, "/" on the 404 page: end it with one slash. */
    var base = new URL((root.getAttribute("data-base") || ".").replace(/\/?$/, "/"), document.baseURI);
    var pagefind = null;
    var latest = 0;

    function load() {
      if (!pagefind) {
        pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
          return module.options({ baseUrl: base.pathname }).then(function () { return module; });
        });
      }
      return pagefind;
    }

    /* No aria-expanded on the input: a search box (role searchbox) does not support it.
       The result count is announced by the status region instead. */
    function close() {
      output.hidden = true;
    }

    function run(query) {
      var ticket = ++latest;
      if (!query.trim()) {
        list.innerHTML = "";
        close();
        return;
      }
      output.hidden = false;
      status.textContent = status.getAttribute("data-loading");
      load().then(function (module) {
        return module.search(query);
      }).then(function (search) {
        return Promise.all(search.results.slice(0, 10).map(function (r) { return r.data(); }))
          .then(function (data) { return { total: search.results.length, data: data }; });
      }).then(function (found) {
        if (ticket !== latest) { return; }
        list.innerHTML = found.data.map(function (item) {
          var title = (item.meta && item.meta.title) || item.url;
          return '<li><a href="' + escapeHtml(item.url) + '">' + escapeHtml(title) + "</a>" +
            "<p>" + safeExcerpt(item.excerpt) + "</p></li>";
        }).join("");
        var template = found.total === 0 ? "data-none" : found.total === 1 ? "data-one" : "data-other";
        status.textContent = format(status.getAttribute(template), { count: found.total, query: query });
      }).catch(function () {
        if (ticket === latest) { status.textContent = format(status.getAttribute("data-none"), { query: query }); }
      });
    }

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, 150);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run(input.value);
    });
    input.addEventListener("focus", function () { load(); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !output.hidden) {
        close();
        input.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (!root.contains(event.target)) { close(); }
    });
  }

  /* --- Archive filter ------------------------------------------------------ */
  function setUpFilter(form) {
    var items = Array.prototype.slice.call(document.querySelectorAll(".ra-list > .ra-item"));
    var status = form.querySelector(".ra-filter__status");
    var fields = {
      year: form.querySelector("#ra-filter-year"),
      type: form.querySelector("#ra-filter-type"),
      tag: form.querySelector("#ra-filter-tag"),
      text: form.querySelector("#ra-filter-text")
    };
    var texts = items.map(function (item) { return item.textContent.toLocaleLowerCase("sv"); });

    function apply() {
      var year = fields.year.value, type = fields.type.value, tag = fields.tag.value;
      var words = fields.text.value.toLocaleLowerCase("sv").split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item, index) {
        var ok = (!year || item.getAttribute("data-year") === year) &&
          (!type || item.getAttribute("data-type") === type) &&
          (!tag || (" " + item.getAttribute("data-tags") + " ").indexOf(" " + tag + " ") !== -1) &&
          words.every(function (word) { return texts[index].indexOf(word) !== -1; });
        item.hidden = !ok;
        if (ok) { shown += 1; }
      });
      status.textContent = shown === 0 ? status.getAttribute("data-none") :
        format(status.getAttribute("data-template"), { shown: shown, total: items.length });
    }

    var params = new URLSearchParams(window.location.search);
    if (params.get("q")) { fields.text.value = params.get("q"); }
    form.hidden = false;
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    apply();
  }

  /* --- Navigation drawer on narrow screens ---------------------------------
     Material opens its drawer with a <label> for a hidden checkbox: a mouse can
     use it, a keyboard cannot, and the closed drawer's links stay in the Tab
     order although they are off screen. With JavaScript, the label becomes a
     real button and the closed drawer is inert, so keyboard users can open it
     and their focus never goes off screen. */
  function setUpDrawer(toggle, label, drawer) {
    var narrow = window.matchMedia("(max-width: 76.234375em)");
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " ra-drawer-button";
    button.innerHTML = label.innerHTML;
    drawer.id = drawer.id || "ra-drawer";
    button.setAttribute("aria-controls", drawer.id);
    label.replaceWith(button);

    function sync() {
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
      drawer.inert = narrow.matches && !toggle.checked;
    }
    function set(open) {
      if (toggle.checked !== open) {
        toggle.checked = open;
        toggle.dispatchEvent(new Event("change", { bubbles: true }));
      }
      sync();
    }
    button.addEventListener("click", function (event) {
      set(!toggle.checked);
      if (toggle.checked && event.detail === 0) { /* opened from the keyboard */
        var first = drawer.querySelector("a[href]");
        if (first) { first.focus(); }
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) {
        set(false);
        button.focus();
      }
    });
    toggle.addEventListener("change", sync);
    narrow.addEventListener("change", sync);
    sync();
  }

  function start() {
    var search = document.querySelector("[data-ra-search]");
    if (search) { setUpSearch(search); }
    var toggle = document.getElementById("__drawer");
    var label = document.querySelector('.md-header label[for="__drawer"]');
    var drawer = document.querySelector(".md-sidebar--primary");
    if (toggle && label && drawer) { setUpDrawer(toggle, label, drawer); }
    var filter = document.getElementById("ra-filter");
    if (filter) { setUpFilter(filter); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
