/*
 * Autocomplete for search inputs that carry data-autocomplete-url: an ARIA 1.2 combobox
 * (input with role=combobox, a listbox popup, aria-activedescendant). Progressive
 * enhancement: without this script the form submits to the search page as usual.
 * Keys: ArrowDown/ArrowUp move, Enter opens the highlighted suggestion (or submits the
 * form when none is highlighted), Escape closes the list (a second Escape clears the input).
 */
(function () {
  "use strict";

  var DELAY_MS = 150;
  var MIN_LENGTH = 2;

  function setup(input, index) {
    var url = input.getAttribute("data-autocomplete-url");
    var listId = "autocomplete-list-" + index;
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "autocomplete-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent : input.getAttribute("data-autocomplete-label") || "Saran");
    list.hidden = true;
    input.parentNode.parentNode.appendChild(list);

    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    list.parentNode.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var options = [];
    var active = -1;
    var timer = null;
    var controller = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(next) {
      if (!options.length) { return; }
      if (active >= 0) { options[active].setAttribute("aria-selected", "false"); }
      active = (next + options.length) % options.length;
      var option = options[active];
      option.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    }

    function go(option) {
      var href = option.getAttribute("data-href");
      if (href) { window.location.assign(href); }
    }

    function render(results) {
      list.textContent = "";
      options = [];
      active = -1;
      results.forEach(function (result, position) {
        if (!result.url) { return; }
        var option = document.createElement("li");
        option.id = listId + "-option-" + position;
        option.className = "autocomplete-list__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-href", result.url);
        var title = document.createElement("span");
        title.textContent = result.title;
        var type = document.createElement("span");
        type.className = "autocomplete-list__type";
        type.textContent = result.type;
        option.appendChild(title);
        option.appendChild(type);
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { go(option); });
        list.appendChild(option);
        options.push(option);
      });
      if (options.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        // The sentences come from the form, translated ({count} filled in here).
        status.textContent = (options.length === 1
          ? input.getAttribute("data-autocomplete-one") || "1 saran tersedia. Gunakan panah atas dan bawah."
          : input.getAttribute("data-autocomplete-many") || "{count} saran tersedia. Gunakan panah atas dan bawah."
        ).replace("{count}", options.length);
      } else {
        close();
        status.textContent = "";
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < MIN_LENGTH) { close(); return; }
      if (controller) { controller.abort(); }
      controller = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        signal: controller.signal
      })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (input.value.trim() === query) { render(data.results || []); }
        })
        .catch(function () { /* aborted or offline: the form still works */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) { fetchSuggestions(); return; }
        highlight(active + 1);
      } else if (event.key === "ArrowUp") {
        if (!open) { return; }
        event.preventDefault();
        highlight(active - 1);
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          go(options[active]);
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        } else {
          input.value = "";
        }
      }
    });

    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
  }

  document.querySelectorAll("input[data-autocomplete-url]").forEach(setup);
})();
