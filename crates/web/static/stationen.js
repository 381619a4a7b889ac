// Info-Stationen on the projector: shows one field at a time and moves on every 20 seconds.
// Without this script all fields are shown one below the other.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var list = document.querySelectorAll("[data-station]");
    if (list.length < 2) return;
    var i = 0;
    function show() {
      list.forEach(function (el, k) { el.hidden = k !== i; });
      i = (i + 1) % list.length;
    }
    show();
    setInterval(show, 20000);
  });
})();
