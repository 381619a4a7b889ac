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

  var retry = null;
  function later() {
    // A refresh that failed (network gone, server restarting) is tried again, so an event
    // seen while offline is not lost; "online" below also triggers it.
    clearTimeout(retry);
    retry = setTimeout(refresh, 3000);
  }

  function refresh() {
    fetch(location.href, { credentials: "same-origin", headers: { "X-Werkstatt-Live": "1" } })
      .then(function (r) { if (!r.ok) { later(); return null; } return r.text(); })
      .then(function (html) {
        if (!html) return;
        clearTimeout(retry);
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
      .catch(later);
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

  window.addEventListener("online", function () { if (current) schedule(); });
  document.addEventListener("DOMContentLoaded", connect);
  document.addEventListener("htmx:afterSettle", connect);
  if (document.readyState !== "loading") connect();
})();
