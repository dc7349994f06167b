// Small helpers; the page works without them. No framework, nothing fetched.
(function () {
  "use strict";
  var form = document.getElementById("editor");
  if (!form) { return; }
  var state = document.getElementById("state");
  var dirty = form.hasAttribute("data-unsaved");
  var submitting = false;
  function changed() {
    if (!dirty && state) { state.textContent = "Not saved yet."; state.classList.add("dirty"); }
    dirty = true;
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function () { submitting = true; });
  // Leaving the page with unsaved changes asks first.
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !submitting) { event.preventDefault(); event.returnValue = ""; }
  });
  // Enter in the new panel's id adds the panel, rather than pressing Save, the form's first button.
  var newId = document.getElementById("new-id");
  if (newId) {
    newId.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        form.querySelector("button[value='add-panel']").click();
      }
    });
  }
  // A link to a field inside a closed panel opens the panel first.
  function reveal() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
    if (target) { target.scrollIntoView(); }
  }
  window.addEventListener("hashchange", reveal);
  reveal();
})();
