/* Catalogue filters: apply a change at once, with a short URL, and tell the visitor the new
   count. Without this file the form's submit button does it (the server drops empty fields). */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosubmit]");
  if (!form) { return; }
  var panel = document.getElementById("filters-panel");
  var wide = window.matchMedia ? window.matchMedia("(min-width: 56em)") : { matches: true };
  if (panel && wide.matches) { panel.open = true; }

  // Empty fields would only lengthen the shared URL: leave them out of the request.
  function submitMinimal() {
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && (field.type === "search" || field.tagName === "SELECT") && !field.value) {
        field.disabled = true;
      }
    });
    form.submit();
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    submitMinimal();
  });

  var storage = null;
  try { storage = window.sessionStorage; } catch (e) { storage = null; }
  if (!storage) { return; }
  var storageKey = "catalogue-focus";
  var note = document.createElement("p");
  note.className = "filters__note";
  note.textContent = form.getAttribute("data-autosubmit-note") || "";
  if (note.textContent) { form.insertBefore(note, form.firstElementChild); }

  form.addEventListener("change", function (event) {
    var target = event.target;
    if (!target.matches("input[type=checkbox], select")) { return; }
    try { storage.setItem(storageKey, target.id); } catch (e) { /* storage full or off */ }
    submitMinimal();
  });

  // After a change: focus back on the control that was changed (keyboard and screen-reader
  // users keep their place) and the new number of results read out by a live region.
  var lastId = null;
  try { lastId = storage.getItem(storageKey); storage.removeItem(storageKey); } catch (e) { lastId = null; }
  var live = document.createElement("p");
  live.className = "visually-hidden";
  live.setAttribute("aria-live", "polite");
  live.id = "results-announcement";
  document.body.appendChild(live);
  var control = lastId && document.getElementById(lastId);
  if (control) {
    if (panel) { panel.open = true; }
    var details = control.closest("details.facet");
    if (details) { details.open = true; }
    control.focus();
    // A live region announces changes, not its first content: fill it once it is in place.
    window.requestAnimationFrame(function () {
      window.setTimeout(function () { live.textContent = form.getAttribute("data-results-text"); }, 150);
    });
  }
})();
