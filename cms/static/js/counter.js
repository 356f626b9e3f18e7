/* Counts the visit through a small beacon, so that cached pages are counted too, and refreshes the figures. */
(function () {
  "use strict";
  var widget = document.querySelector("[data-counter]");
  if (!widget || !window.fetch) { return; }
  fetch(widget.getAttribute("data-counter-url"), { method: "POST", credentials: "same-origin", keepalive: true })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data || !data.available) { return; }
      ["online", "today", "total"].forEach(function (name) {
        var cell = widget.querySelector("[data-counter-" + name + "]");
        if (cell) { cell.textContent = data.formatted[name]; }
      });
    })
    .catch(function () { /* the counter is optional */ });
})();
