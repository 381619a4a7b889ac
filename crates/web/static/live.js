// Live updates for Werkstatt pages. Listens to the Werkstatt's event stream and refreshes
// only the fragments an event touches: every live region names its address
// (data-teil) and the event kinds it depends on (data-ereignisse); the kinds to listen to
// come from the page (main[data-ereignisse]), which takes them from the server's list.
// A region in which someone is typing or choosing is left alone until they are done, and
// a region above the viewport keeps the reading position. Regions without an address are
// refreshed from a fresh copy of the whole page. The page works fully without this script.
(function () {
  "use strict";
  var source = null, current = null, seen = false;
  var pending = {}, timers = {}, etags = {}, pageTimer = null, retry = null;

  function main() { return document.getElementById("main"); }
  function werkstatt() { var m = main(); return m ? m.getAttribute("data-werkstatt") : null; }
  function kinds() {
    var m = main(), k = m ? m.getAttribute("data-ereignisse") : "";
    return (k || "").split(/\s+/).filter(Boolean);
  }

  function announce() {
    var s = document.getElementById("live-status");
    if (s) { s.textContent = ""; s.textContent = s.getAttribute("data-msg") || ""; }
  }

  // Someone is using a control in the region, or changed a form there and has not sent it.
  function busy(el) {
    var a = document.activeElement;
    if (a && a !== document.body && el.contains(a) && /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(a.tagName)) return true;
    return !!el.querySelector("form[data-dirty]");
  }

  // What the reader is looking at, when it comes after the region: the focused control,
  // or, when the region starts above the view, what follows the region. Browsers' own
  // scroll anchoring often picks a node inside the region, which the update replaces,
  // so app.css turns it off and this keeps the position instead.
  function anchorFor(el) {
    var a = document.activeElement, r;
    if (a && a !== document.body && !el.contains(a)) {
      r = a.getBoundingClientRect();
      if (r.bottom > 0 && r.top < window.innerHeight) return a;
    }
    if (el.getBoundingClientRect().top >= 0) return null;
    for (var n = el; n && n !== document.body; n = n.parentElement) {
      if (n.nextElementSibling) return n.nextElementSibling;
    }
    return null;
  }

  function replace(el, html) {
    if (el.innerHTML === html) return false;
    var anchor = anchorFor(el);
    var follows = anchor && (el.compareDocumentPosition(anchor) & Node.DOCUMENT_POSITION_FOLLOWING);
    var top = follows ? anchor.getBoundingClientRect().top : 0;
    el.innerHTML = html;
    if (window.htmx) window.htmx.process(el);
    if (follows) window.scrollBy(0, anchor.getBoundingClientRect().top - top);
    return true;
  }

  function later(fn) {
    // A refresh that failed (network gone, server restarting) is tried again, so an event
    // seen while offline is not lost; "online" below also triggers it.
    clearTimeout(retry);
    retry = setTimeout(fn, 3000);
  }

  function fetchRegion(el) {
    var id = el.id, src = el.getAttribute("data-teil");
    if (busy(el)) { pending[id] = true; return; }
    delete pending[id];
    var headers = { "X-Werkstatt-Live": "1" };
    if (etags[id]) headers["If-None-Match"] = etags[id];
    fetch(src, { credentials: "same-origin", headers: headers })
      .then(function (r) {
        if (r.status === 304) return null;
        if (!r.ok) { later(function () { fetchRegion(el); }); return null; }
        var tag = r.headers.get("ETag");
        if (tag) etags[id] = tag;
        return r.text();
      })
      .then(function (html) {
        if (html === null || html === undefined) return;
        // The person may have started typing while the request was under way.
        if (busy(el)) { pending[id] = true; return; }
        if (replace(el, html)) announce();
      })
      .catch(function () { later(function () { fetchRegion(el); }); });
  }

  function refreshPage() {
    fetch(location.href, { credentials: "same-origin", headers: { "X-Werkstatt-Live": "1" } })
      .then(function (r) { if (!r.ok) { later(refreshPage); return null; } return r.text(); })
      .then(function (html) {
        if (!html) return;
        var doc = new DOMParser().parseFromString(html, "text/html"), changed = false;
        document.querySelectorAll("[data-live]:not([data-teil])").forEach(function (el) {
          var fresh = doc.getElementById(el.id);
          if (!fresh) return;
          if (busy(el)) { pending[el.id] = true; return; }
          if (replace(el, fresh.innerHTML)) changed = true;
        });
        if (changed) announce();
      })
      .catch(function () { later(refreshPage); });
  }

  function schedule(el) {
    var id = el.id;
    clearTimeout(timers[id]);
    timers[id] = setTimeout(function () { fetchRegion(el); }, 80);
  }

  function onEvent(kind) {
    var legacy = false;
    document.querySelectorAll("[data-live]").forEach(function (el) {
      var src = el.getAttribute("data-teil");
      if (!src) { legacy = true; return; }
      var deps = (el.getAttribute("data-ereignisse") || "").split(/\s+/);
      if (kind === "resync" || kind === "*" || deps.indexOf(kind) >= 0) schedule(el);
    });
    if (legacy) { clearTimeout(pageTimer); pageTimer = setTimeout(refreshPage, 80); }
  }

  // A region left alone while someone worked in it catches up when they are done.
  function catchUp() {
    setTimeout(function () {
      Object.keys(pending).forEach(function (id) {
        var el = document.getElementById(id);
        if (!el) { delete pending[id]; return; }
        if (el.getAttribute("data-teil")) fetchRegion(el);
        else if (!busy(el)) { delete pending[id]; refreshPage(); }
      });
    }, 0);
  }

  document.addEventListener("input", function (e) {
    var f = e.target && e.target.form;
    if (f) f.setAttribute("data-dirty", "");
  });
  document.addEventListener("change", function (e) {
    var f = e.target && e.target.form;
    if (f) f.setAttribute("data-dirty", "");
  });
  document.addEventListener("submit", function (e) {
    if (e.target && e.target.removeAttribute) e.target.removeAttribute("data-dirty");
    catchUp();
  });
  document.addEventListener("focusout", catchUp);

  function connect() {
    var w = werkstatt();
    if (w === current) return;
    if (source) { source.close(); source = null; }
    current = w;
    seen = false;
    etags = {};
    if (!w || !window.EventSource) return;
    source = new EventSource("/w/" + encodeURIComponent(w) + "/events");
    kinds().forEach(function (k) {
      source.addEventListener(k, function () { onEvent(k); });
    });
    // After a reconnect the server greets again: fetch what was missed meanwhile.
    source.addEventListener("hello", function () {
      if (seen) onEvent("*");
      seen = true;
    });
  }

  window.addEventListener("online", function () { if (current) onEvent("*"); });
  document.addEventListener("DOMContentLoaded", connect);
  document.addEventListener("htmx:afterSettle", connect);
  if (document.readyState !== "loading") connect();
})();
