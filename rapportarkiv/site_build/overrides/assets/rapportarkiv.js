/* rapportarkiv: Swedish search (Pagefind) in the header and on its results page, and the archive filter.
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

  /* --- One search index ---------------------------------------------------
     The header's search, the results page and the archive's text filter ask the
     same Pagefind index the same way, so they find the same reports. */
  var pagefindModule = null;

  function pagefindBase() {
    var root = document.querySelector("[data-ra-search]");
    /* data-base is "." or "../.." on most pages, "/" on the 404 page: end it with one slash. */
    return new URL(((root && root.getAttribute("data-base")) || ".").replace(/\/?$/, "/"), document.baseURI);
  }

  function pagefind() {
    if (!pagefindModule) {
      var base = pagefindBase();
      pagefindModule = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
        /* noWorker: searching in the page itself spares every reader the download of
           pagefind-worker.js (41 KB) before the first hits; a query takes milliseconds. */
        return module.options({ baseUrl: base.pathname, noWorker: true }).then(function () { return module; });
      });
    }
    return pagefindModule;
  }

  /* Every hit, most relevant first and, among equally relevant, newest first:
     Pagefind lists equal scores by its page numbers, and the reports are indexed
     newest first (Session.in_rendering_order). */
  function findAll(query, filters) {
    return pagefind().then(function (module) {
      return module.search(query, filters && Object.keys(filters).length ? { filters: filters } : {});
    }).then(function (found) {
      return found.results;
    });
  }

  function countText(holder, count, query) {
    var template = count === 0 ? "data-none" : count === 1 ? "data-one" : "data-other";
    return format(holder.getAttribute(template), { count: count, query: query });
  }

  /* One hit as a list item, built as DOM nodes: only the excerpt's <mark> is markup. */
  function hitItem(item, withdrawnLabel) {
    var li = document.createElement("li");
    li.className = "ra-hit";
    var link = document.createElement("a");
    link.href = item.url;
    link.textContent = (item.meta && item.meta.title) || item.url;
    li.appendChild(link);
    var meta = item.meta || {};
    if (meta.withdrawn) {
      var flag = document.createElement("strong");
      flag.className = "ra-flag ra-flag--withdrawn";
      flag.textContent = withdrawnLabel || meta.withdrawn;
      li.appendChild(document.createTextNode(" "));
      li.appendChild(flag);
    }
    var excerpt = document.createElement("p");
    excerpt.className = "ra-hit__excerpt";
    excerpt.innerHTML = safeExcerpt(item.excerpt);
    li.appendChild(excerpt);
    var facts = [meta.type, meta.series, meta.date].filter(Boolean);
    if (facts.length) {
      var line = document.createElement("p");
      line.className = "ra-hit__meta";
      line.textContent = facts.join(" · ");
      li.appendChild(line);
    }
    return li;
  }

  /* --- Search in the header ------------------------------------------------- */
  function setUpSearch(root) {
    var input = root.querySelector("#ra-search-input");
    var form = root.querySelector("form");
    var output = root.querySelector("#ra-search-output");
    var status = root.querySelector("#ra-search-status");
    var list = root.querySelector("#ra-search-results");
    var all = root.querySelector("#ra-search-all");
    var latest = 0;
    var SHOWN = 10;

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
      findAll(query).then(function (results) {
        return Promise.all(results.slice(0, SHOWN).map(function (r) { return r.data(); }))
          .then(function (data) { return { total: results.length, data: data }; });
      }).then(function (found) {
        if (ticket !== latest) { return; }
        list.replaceChildren.apply(list, found.data.map(function (item) { return hitItem(item); }));
        status.textContent = countText(status, found.total, query);
        all.href = form.action.split("?")[0] + "?q=" + encodeURIComponent(query);
        all.parentNode.hidden = found.total === 0;
      }).catch(function () {
        if (ticket === latest) { status.textContent = format(status.getAttribute("data-none"), { query: query }); }
      });
    }

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, 150);
    });
    /* Enter opens the results page (the form's own action): every hit, with filters. */
    form.addEventListener("submit", function (event) {
      if (!input.value.trim()) { event.preventDefault(); }
    });
    input.addEventListener("focus", function () { pagefind(); });
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

  /* --- The search results page ---------------------------------------------- */
  function setUpResults(form, root) {
    var input = form.querySelector("#ra-results-query");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var status = root.querySelector("#ra-results-status");
    var list = root.querySelector("#ra-results-list");
    var more = root.querySelector("#ra-results-more");
    var PAGE = 20;
    var results = [], shown = 0, latest = 0, query = "";

    function filters() {
      var chosen = {};
      selects.forEach(function (select) { if (select.value) { chosen[select.getAttribute("data-filter")] = select.value; } });
      return chosen;
    }

    function say(text) { status.textContent = text; }

    function counted() {
      var text = countText(root, results.length, query);
      return results.length > shown ? text + " " + format(root.getAttribute("data-shown"), { shown: shown, count: results.length }) : text;
    }

    function showMore(focusFirstNew) {
      var ticket = latest;
      var next = results.slice(shown, shown + PAGE);
      return Promise.all(next.map(function (r) { return r.data(); })).then(function (data) {
        if (ticket !== latest) { return; }
        var items = data.map(function (item) { return hitItem(item, root.getAttribute("data-withdrawn")); });
        items.forEach(function (item) { list.appendChild(item); });
        shown += items.length;
        more.hidden = shown >= results.length;
        say(counted());
        if (focusFirstNew && items.length) { items[0].querySelector("a").focus(); }
      });
    }

    function run() {
      var ticket = ++latest;
      query = input.value.trim();
      list.replaceChildren();
      results = [];
      shown = 0;
      more.hidden = true;
      if (!query) { say(root.getAttribute("data-empty")); return; }
      say(root.getAttribute("data-loading"));
      findAll(query, filters()).then(function (found) {
        if (ticket !== latest) { return; }
        results = found;
        return showMore(false);
      }).catch(function () {
        if (ticket === latest) { say(root.getAttribute("data-error")); }
      });
    }

    /* The address holds the query and the filters, so a search can be linked and Back works. */
    function remember() {
      var params = new URLSearchParams();
      if (input.value.trim()) { params.set("q", input.value.trim()); }
      selects.forEach(function (select) { if (select.value) { params.set(select.name, select.value); } });
      var search = params.toString();
      history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
    }

    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) {
        select.value = wanted;
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      remember();
      run();
    });
    selects.forEach(function (select) {
      select.addEventListener("change", function () { remember(); run(); });
    });
    more.addEventListener("click", function () { showMore(true); });
    run();
    if (!input.value) { input.focus(); }
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
    var hrefs = items.map(function (item) { return item.querySelector("a").href; });
    var matching = null; /* the reports the search finds for the text, by address; null: no text */
    var latest = 0;

    function apply() {
      var year = fields.year.value, type = fields.type.value, tag = fields.tag.value;
      var shown = 0;
      items.forEach(function (item, index) {
        var ok = (!year || item.getAttribute("data-year") === year) &&
          (!type || item.getAttribute("data-type") === type) &&
          (!tag || (" " + item.getAttribute("data-tags") + " ").indexOf(" " + tag + " ") !== -1) &&
          (!matching || matching.has(hrefs[index]));
        item.hidden = !ok;
        if (ok) { shown += 1; }
      });
      var template = items.length === 1 ? "data-template-one" : "data-template";
      status.textContent = shown === 0 ? status.getAttribute("data-none") :
        format(status.getAttribute(template), { shown: shown, total: items.length });
    }

    /* The text is looked up in the search index, as the header's search does. */
    function search() {
      var ticket = ++latest;
      var text = fields.text.value.trim();
      if (!text) {
        matching = null;
        status.setAttribute("data-query", ""); /* the text the list is filtered by, once it is */
        apply();
        return;
      }
      status.textContent = status.getAttribute("data-searching");
      status.removeAttribute("data-query");
      findAll(text).then(function (results) {
        return Promise.all(results.map(function (r) { return r.data(); }));
      }).then(function (data) {
        if (ticket !== latest) { return; }
        matching = new Set(data.map(function (item) { return new URL(item.url, document.baseURI).href; }));
        status.setAttribute("data-query", text);
        apply();
      }).catch(function () {
        if (ticket === latest) { matching = new Set(); status.setAttribute("data-query", text); apply(); }
      });
    }

    var timer = null;
    var params = new URLSearchParams(window.location.search);
    if (params.get("q")) { fields.text.value = params.get("q"); }
    form.hidden = false;
    fields.text.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 150);
    });
    form.addEventListener("change", function (event) { if (event.target !== fields.text) { apply(); } });
    form.addEventListener("submit", function (event) { event.preventDefault(); search(); });
    form.addEventListener("reset", function () { setTimeout(search, 0); });
    search();
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
    var resultsForm = document.getElementById("ra-results-form");
    var results = document.getElementById("ra-results");
    if (resultsForm && results) { setUpResults(resultsForm, results); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
