// Counts the Werkstatt timer down every second. Without this script the page shows the
// time left when it was rendered, and live updates refresh it.
(function () {
  "use strict";
  function tick() {
    document.querySelectorAll("[data-timer-ende]").forEach(function (el) {
      var left = Math.max(0, Math.round((Number(el.getAttribute("data-timer-ende")) - Date.now()) / 1000));
      var out = el.querySelector(".timer-rest");
      if (!out) return;
      var text = String(Math.floor(left / 60)).padStart(2, "0") + ":" + String(left % 60).padStart(2, "0");
      if (out.textContent !== text) out.textContent = text;
      el.classList.toggle("abgelaufen", left === 0);
    });
  }
  setInterval(tick, 1000);
  document.addEventListener("DOMContentLoaded", tick);
})();
