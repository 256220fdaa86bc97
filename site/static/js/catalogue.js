/* Catalogue filters: apply a change at once. Without this file the form's submit button does it. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosubmit]");
  if (!form || !window.sessionStorage) { return; }
  var storageKey = "catalogue-focus";
  var note = document.createElement("p");
  note.className = "filters__note";
  note.textContent = form.getAttribute("data-autosubmit-note") || "";
  if (note.textContent) { form.insertBefore(note, form.firstElementChild.nextSibling); }

  form.addEventListener("change", function (event) {
    var target = event.target;
    if (!target.matches("input[type=checkbox], select")) { return; }
    try { window.sessionStorage.setItem(storageKey, target.id); } catch (e) { /* storage full or off */ }
    form.submit();
  });

  // Put focus back on the control that was changed, so keyboard and screen-reader users keep their place.
  var lastId = null;
  try { lastId = window.sessionStorage.getItem(storageKey); window.sessionStorage.removeItem(storageKey); } catch (e) { lastId = null; }
  var control = lastId && document.getElementById(lastId);
  if (control) {
    var details = control.closest("details");
    if (details) { details.open = true; }
    control.focus();
  }
})();
