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
})();
