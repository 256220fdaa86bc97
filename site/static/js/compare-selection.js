/* Catalogue: the innovations ticked for comparison stay ticked while paging and filtering
   (kept in sessionStorage for this tab). Without this file each page submits its own ticks. */
(function () {
  "use strict";
  var form = document.getElementById("compare-form");
  if (!form || !window.sessionStorage) { return; }
  var key = "compare-selection";
  var limit = 4;
  // The sentences come from the template, translated ({count}, {limit} filled in here).
  var selectedText = form.getAttribute("data-selected-text") || "{count} dari {limit} inovasi dipilih untuk dibandingkan.";
  var limitText = form.getAttribute("data-limit-text") || "Paling banyak {limit} inovasi.";
  function fill(text, count) { return text.replace("{count}", count).replace("{limit}", limit); }
  var boxes = document.querySelectorAll('input[name="id"][form="compare-form"]');

  function load() {
    try { return JSON.parse(window.sessionStorage.getItem(key) || "[]").slice(0, limit); } catch (e) { return []; }
  }
  function save(ids) {
    try { window.sessionStorage.setItem(key, JSON.stringify(ids)); } catch (e) { /* storage off */ }
  }
  var status = document.createElement("p");
  status.className = "compare-bar__status";
  status.setAttribute("aria-live", "polite"); // not role=status: the catalogue has its own status notice
  form.insertBefore(status, form.firstChild);

  function render() {
    var ids = load();
    Array.prototype.forEach.call(form.querySelectorAll("input[data-kept]"), function (input) { input.remove(); });
    ids.forEach(function (id) {
      var box = document.querySelector('input[name="id"][form="compare-form"][value="' + id + '"]');
      if (box) { box.checked = true; return; }
      var kept = document.createElement("input");
      kept.type = "hidden"; kept.name = "id"; kept.value = id; kept.setAttribute("data-kept", "");
      form.appendChild(kept);
    });
    status.textContent = ids.length ? fill(selectedText, ids.length) : "";
  }

  Array.prototype.forEach.call(boxes, function (box) {
    box.addEventListener("change", function () {
      var ids = load().filter(function (id) { return id !== box.value; });
      if (box.checked) {
        if (ids.length >= limit) { box.checked = false; status.textContent = fill(limitText, ids.length); return; }
        ids.push(box.value);
      }
      save(ids);
      render();
    });
  });
  form.addEventListener("submit", function () { save([]); });
  render();
})();
