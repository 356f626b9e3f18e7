// Sen's admin: the date-time picker (jQuery xdsoft, shipped by Wagtail).
// Loaded after the picker's script and before any form, so every picker made afterwards
// (the schedule dialog, date fields, inline rows) takes these defaults.
(function () {
  "use strict";
  var $ = window.jQuery;
  if (!($ && $.fn && $.fn.datetimepicker && $.fn.datetimepicker.defaults)) {
    return;
  }
  var defaults = $.fn.datetimepicker.defaults;
  // A time every 5 minutes, not only whole hours.
  defaults.step = 5;
  // In a dialog (the publishing schedule), a floating picker covers the next field and the
  // dialog's own "Save schedule" button: show it in the flow, right under its input, so the
  // rest of the dialog moves down instead of being hidden.
  var onShow = defaults.onShow;
  defaults.onShow = function (currentTime, $input) {
    var field = $input && $input.closest(".w-dialog .w-field__input");
    if (field && field.length) {
      this.addClass("sen-picker-in-flow");
      if (this.prev()[0] !== field[0]) {
        this.insertAfter(field);
      }
    }
    return typeof onShow === "function" ? onShow.apply(this, arguments) : true;
  };

  // Pressing the dialog's "Save schedule" while that picker is open would close the picker first (on
  // mousedown): the button moves up under the pointer and the click never reaches it. Keep the picker
  // (and the button) where they are until the click; the form then saves and the page reloads.
  document.addEventListener(
    "mousedown",
    function (event) {
      var button = event.target.closest && event.target.closest(".w-dialog button[type=submit]");
      var dialog = button && button.closest(".w-dialog");
      if (dialog && $(dialog).find(".sen-picker-in-flow:visible").length) {
        event.preventDefault();
        event.stopPropagation();
      }
    },
    true
  );

  // The calendar marks today in the editor's time zone (not the browser's clock, which may be a day
  // behind Vietnam), and the day the field holds, read as dd/mm/yyyy (Wagtail's own check reads it
  // month first and drops the mark).
  var timeZone = JSON.parse(document.getElementById("sen-datetime").textContent).timeZone;

  function today() {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", { timeZone: timeZone, year: "numeric", month: "numeric", day: "numeric" })
      .formatToParts(new Date())
      .forEach(function (part) {
        parts[part.type] = Number(part.value);
      });
    return { day: parts.day, month: parts.month, year: parts.year };
  }

  function dayOf(value) {
    var match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(value || "");
    return match ? { day: Number(match[1]), month: Number(match[2]), year: Number(match[3]) } : null;
  }

  function cell($picker, date) {
    if (!date) {
      return $();
    }
    return $picker.find(
      '.xdsoft_datepicker td[data-date="' + date.day + '"][data-month="' + (date.month - 1) + '"][data-year="' +
        date.year + '"]'
    );
  }

  function markDays($picker, $input) {
    $picker.find(".xdsoft_datepicker td").removeClass("xdsoft_today xdsoft_current");
    cell($picker, today()).addClass("xdsoft_today");
    cell($picker, dayOf($input && $input.val())).addClass("xdsoft_current");
  }

  // A click or tab into a date field selects what it holds, so typing a date replaces the pre-filled
  // one instead of being appended to it.
  function selectOnFocus(input) {
    if (input.senSelectsOnFocus) {
      return;
    }
    input.senSelectsOnFocus = true;
    var justFocused = false;
    input.addEventListener("focus", function () {
      input.select();
      justFocused = true;
    });
    input.addEventListener("mouseup", function (event) {
      if (justFocused) {
        event.preventDefault(); // the click would put the caret in and drop the selection
      }
      justFocused = false;
    });
  }

  var datetimepicker = $.fn.datetimepicker;
  $.fn.datetimepicker = function (options) {
    if (options === undefined || $.isPlainObject(options)) {
      var onGenerate = options && options.onGenerate;
      options = $.extend({}, options, {
        onGenerate: function (currentTime, $input) {
          if (typeof onGenerate === "function") {
            onGenerate.apply(this, arguments);
          }
          markDays(this, $input);
        },
      });
      this.each(function () {
        selectOnFocus(this);
      });
    }
    return datetimepicker.apply(this, [options].concat(Array.prototype.slice.call(arguments, 1)));
  };
  $.extend($.fn.datetimepicker, datetimepicker);
})();
