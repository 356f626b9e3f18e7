// Sen's admin: an autosave of a form that only lacks what is still to be filled in (cms/workflows/editing.py
// answers `incomplete: true`) shows a quiet "Chưa lưu" with what is missing in the indicator's tooltip,
// instead of Wagtail's "Autosave is paused" warning in the indicator and the footer. Real errors keep both.
(function () {
  "use strict";
  var words = JSON.parse(document.getElementById("sen-autosave-words").textContent);

  function incompleteState(indicator) {
    var state = indicator.querySelector(".w-autosave-indicator__state--incomplete");
    if (!state) {
      state = document.createElement("div");
      state.className = "w-autosave-indicator__state w-autosave-indicator__state--incomplete";
      state.innerHTML =
        '<svg class="icon icon-edit" aria-hidden="true"><use href="#icon-edit"></use></svg>' +
        '<span class="w-autosave-indicator__text"></span>';
      state.querySelector("span").textContent = words.incomplete;
      indicator.appendChild(state);
    }
    return state;
  }

  // Caught on the way down, before Wagtail's indicator and footer (both listen on the document) hear it.
  window.addEventListener(
    "w-autosave:error",
    function (event) {
      var response = event.detail && event.detail.response;
      if (!(response && response.incomplete)) {
        return;
      }
      event.stopImmediatePropagation();
      var indicator = document.getElementById("w-autosave-indicator");
      if (indicator) {
        incompleteState(indicator);
        indicator.setAttribute("data-w-autosave-state-value", "incomplete");
        indicator.setAttribute("data-w-tooltip-content-value", response.error_message);
      }
    },
    true
  );
})();
