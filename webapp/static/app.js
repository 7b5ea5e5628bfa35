// selfcheck: small enhancements only; every page works without this file.
(function () {
  "use strict";
  // Warn before leaving a self-assessment page with unsaved changes.
  var form = document.querySelector("form[data-watch-changes]");
  if (form) {
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) { event.preventDefault(); event.returnValue = ""; }
    });
  }
  // Ask before deleting an evidence file (the delete also saves what was typed).
  document.querySelectorAll("button[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
  // Tabs that save first: clicking another 一级指标 while the form has changes saves and moves on.
  document.querySelectorAll("a[data-save-and-go]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (!form || !dirty) { return; }
      event.preventDefault();
      var next = form.querySelector("input[name=next_dimension]");
      if (next) { next.value = link.getAttribute("data-save-and-go"); }
      dirty = false;
      form.requestSubmit ? form.requestSubmit() : form.submit();
    });
  });
})();
