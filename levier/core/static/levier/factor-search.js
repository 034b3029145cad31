/* The search box of the carbon inventory's line form (ADR 15: no inline
   script). Shown only where scripts run: without them the factor list alone
   works. A result chosen sets the factor list and fires its change, which
   reloads the form with the units the factor takes (htmx). Enter in the box
   searches rather than saving the line. */
(function () {
  "use strict";

  function reveal(root) {
    if (!root || !root.querySelectorAll) return;
    root.querySelectorAll("[data-factor-search][hidden]").forEach(function (box) {
      box.hidden = false;
    });
  }

  document.addEventListener("htmx:load", function (event) {
    reveal(event.detail.elt);
  });
  reveal(document);

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-factor]") : null;
    if (!button) return;
    var form = button.closest("form");
    var select = form ? form.querySelector("select[name=factor]") : null;
    if (!select) return;
    var value = button.getAttribute("data-factor");
    var offered = Array.prototype.some.call(select.options, function (option) {
      return option.value === value;
    });
    if (!offered) return;
    select.value = value;
    select.focus();
    select.dispatchEvent(new Event("change", { bubbles: true }));
  });

  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (event.key !== "Enter" || !input.matches) return;
    if (!input.matches("[data-factor-search] input[type=search]")) return;
    event.preventDefault();
    input.dispatchEvent(new Event("search"));
  });
})();
