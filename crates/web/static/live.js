// Live updates for Werkstatt pages: listens to the Werkstatt's event stream and refreshes
// every element marked [data-live] from a fresh copy of the current page. Forms outside
// those regions keep what people are typing. The page works fully without this script.
(function () {
  "use strict";
  var source = null, current = null, timer = null, seen = false;

  function werkstatt() {
    var main = document.getElementById("main");
    return main ? main.getAttribute("data-werkstatt") : null;
  }

  function announce() {
    var s = document.getElementById("live-status");
    if (s) { s.textContent = ""; s.textContent = s.getAttribute("data-msg") || ""; }
  }

  function refresh() {
    fetch(location.href, { credentials: "same-origin", headers: { "X-Werkstatt-Live": "1" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        var doc = new DOMParser().parseFromString(html, "text/html");
        var changed = false;
        document.querySelectorAll("[data-live]").forEach(function (el) {
          var fresh = doc.getElementById(el.id);
          if (fresh && fresh.innerHTML !== el.innerHTML) {
            el.innerHTML = fresh.innerHTML;
            if (window.htmx) window.htmx.process(el);
            changed = true;
          }
        });
        if (changed) announce();
      })
      .catch(function () { /* the next event or reconnect tries again */ });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 80);
  }

  function connect() {
    var w = werkstatt();
    if (w === current) return;
    if (source) { source.close(); source = null; }
    current = w;
    seen = false;
    if (!w || !window.EventSource) return;
    source = new EventSource("/w/" + encodeURIComponent(w) + "/events");
    ["phase", "feld", "feldwahl", "ziel", "massnahme", "teilnehmende", "runde", "plan", "moderation", "resync"].forEach(function (k) {
      source.addEventListener(k, schedule);
    });
    // After a reconnect the server greets again: fetch what was missed meanwhile.
    source.addEventListener("hello", function () {
      if (seen) schedule();
      seen = true;
    });
  }

  document.addEventListener("DOMContentLoaded", connect);
  document.addEventListener("htmx:afterSettle", connect);
  if (document.readyState !== "loading") connect();
})();
