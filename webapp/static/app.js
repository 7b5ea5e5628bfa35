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

// ---- draft editor (templates/rubrics/editor.html) -------------------------------------------
// Without this the editor works with plain forms; with it, a passage selected in the plan's
// text becomes an item with one click, and an item saves itself as soon as a field changes.
(function () {
  "use strict";
  var text = document.getElementById("plan-text");
  var passage = document.getElementById("passage-quote");
  var passageForm = document.getElementById("passage-form");
  if (text && passage && passageForm) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "primary small selection-button";
    button.textContent = "用选中的文字新增要点";
    button.hidden = true;
    text.parentNode.insertBefore(button, text.nextSibling);
    document.addEventListener("selectionchange", function () {
      var selection = window.getSelection();
      var inside = selection && selection.rangeCount > 0 && text.contains(selection.anchorNode) && text.contains(selection.focusNode);
      var chosen = inside ? selection.toString().trim() : "";
      if (chosen) { button.setAttribute("data-quote", chosen); }
      button.hidden = !chosen;
    });
    button.addEventListener("click", function () {
      passage.value = button.getAttribute("data-quote") || "";
      if (passageForm.requestSubmit) { passageForm.requestSubmit(); } else { passageForm.submit(); }
    });
  }

  function showProblems(problems) {
    Object.keys(problems).forEach(function (uid) {
      var list = document.querySelector("[data-problems-for='" + uid + "']");
      if (!list) { return; }
      list.textContent = "";
      problems[uid].forEach(function (message) {
        var li = document.createElement("li");
        li.textContent = message;
        list.appendChild(li);
      });
    });
  }

  function showFieldErrors(form, errors) {
    form.querySelectorAll(".field.has-error").forEach(function (field) { field.classList.remove("has-error"); });
    form.querySelectorAll("ul.errors.js").forEach(function (list) { list.remove(); });
    Object.keys(errors).forEach(function (name) {
      var input = form.querySelector("[name='" + name + "']");
      var field = input && input.closest(".field");
      if (!field) { return; }
      field.classList.add("has-error");
      var list = document.createElement("ul");
      list.className = "errors js";
      errors[name].forEach(function (message) {
        var li = document.createElement("li");
        li.textContent = message;
        list.appendChild(li);
      });
      field.appendChild(list);
    });
  }

  // Typed but not yet saved (a field still being typed in): ask before leaving the page.
  var unsaved = [];
  if (document.querySelector("form[data-autosave]")) {
    window.addEventListener("beforeunload", function (event) {
      if (unsaved.length) { event.preventDefault(); event.returnValue = ""; }
    });
  }
  function mark(form, dirty) {
    var at = unsaved.indexOf(form);
    if (dirty && at < 0) { unsaved.push(form); }
    if (!dirty && at >= 0) { unsaved.splice(at, 1); }
  }

  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    var state = form.querySelector(".save-state");
    var timer = null;
    form.addEventListener("input", function () { mark(form, true); });
    form.addEventListener("submit", function () { unsaved = []; });
    function say(message) { if (state) { state.textContent = message; } }
    function save() {
      if (!form.querySelector("input[name=full]")) { return; }
      say("正在保存…");
      fetch(form.action, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        headers: { "X-Requested-With": "fetch" },
        credentials: "same-origin"
      }).then(function (response) {
        if (response.status === 409) {
          // Someone else saved this item: the page that shows both versions (nothing is lost).
          unsaved = [];
          HTMLFormElement.prototype.submit.call(form);
          return null;
        }
        return response.json().then(function (body) { return { status: response.status, body: body }; });
      }).then(function (result) {
        if (!result) { return; }
        if (result.status === 200 && result.body.ok) {
          var rev = form.querySelector("[data-rev]");
          if (rev) { rev.value = result.body.rev; }
          var item = form.closest(".draft-item");
          var requirement = item && item.querySelector("[data-requirement]");
          if (requirement) { requirement.textContent = result.body.requirement; }
          var totals = document.getElementById("draft-totals");
          if (totals) { totals.innerHTML = result.body.totals; }
          showProblems(result.body.problems || {});
          showFieldErrors(form, {});
          mark(form, false);
          say("已自动保存");
        } else {
          showFieldErrors(form, (result.body && result.body.errors) || {});
          say("未保存：请改正标出的内容");
        }
      }).catch(function () { say("未能自动保存，请点“保存修改”"); });
    }
    form.addEventListener("change", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(save, 400);
    });
  });
})();
