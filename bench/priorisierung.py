#!/usr/bin/env python3
"""Helper of bench/priorisierung.sh (standard library only): sets up a Werkstatt with 200
Maßnahmen and 30 participants through the JSON API, opens, fills and closes one round per
method, prepares the dot-vote rounds for the wrk benchmark of the ballot endpoint, and
checks those rounds afterwards.

    priorisierung.py setup BASE TOKEN OUT_DIR        -> OUT_DIR/setup.json (ids), OUT_DIR/sids.txt
    priorisierung.py open  BASE TOKEN OUT_DIR LABEL  -> prints the id of a new open dot-vote round
                                                        and writes OUT_DIR/zettel-RID.tsv for wrk
    priorisierung.py check BASE TOKEN OUT_DIR RID    -> reads, closes and checks that round,
                                                        prints a JSON verdict

Deterministic: the same inputs on every run.
"""

import http.cookiejar
import json
import random
import sys
import urllib.error
import urllib.request

TEILNEHMENDE = 30
MASSNAHMEN = 200
VERGLEICHE = 50  # pairwise comparisons per participant (as in crates/core/examples/rechenzeit.rs)
# The ballot of the vote benchmark: BUDGET dots in four piles, all of them spent.
BUDGET = 10
MAX_PRO = 3


class Api:
    def __init__(self, base, token=None):
        self.base = base.rstrip("/")
        self.token = token
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def call(self, method, path, body=None, ok=(200, 201, 204)):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        req.add_header("Accept-Language", "de")
        if self.token:
            req.add_header("Authorization", "Bearer " + self.token)
        try:
            with self.opener.open(req, timeout=120) as r:
                status, raw = r.status, r.read()
        except urllib.error.HTTPError as e:
            status, raw = e.code, e.read()
        if status not in ok:
            sys.exit(f"{method} {path}: {status} {raw[:400]!r}")
        return json.loads(raw) if raw else None

    def sid(self):
        for c in self.jar:
            if c.name == "werkstatt_sid":
                return c.value
        sys.exit("kein werkstatt_sid-Cookie erhalten")


def setup(base, token, out):
    rnd = random.Random(0x5EED)
    admin = Api(base, token)
    k = admin.call("POST", "/api/v1/kommunen", {
        "name": "Benchhausen", "art": "verbandsgemeinde", "ags": "07999001", "einwohner": 12000,
    })
    w = admin.call("POST", "/api/v1/werkstaetten", {
        "titel": "Bench-Werkstatt Priorisierung", "datum": "2026-11-26", "ort": "Rathaus",
        "kommunen": [k["id"]],
    })
    wid = w["id"]
    api = f"/api/v1/werkstaetten/{wid}"
    # Phases one step at a time; the field is chosen in the Feldwahl.
    admin.call("PUT", f"{api}/phase", {"phase": "feldwahl"})
    felder = admin.call("GET", f"{api}/felder")["felder"]
    feld = felder[0]["feld"]["id"]
    admin.call("PUT", f"{api}/felder/{feld}/auswahl", {"gewaehlt": True})
    admin.call("PUT", f"{api}/phase", {"phase": "gruppenarbeit"})
    for i in range(MASSNAHMEN):
        admin.call("POST", f"{api}/massnahmen", {
            "feld_id": feld, "titel": f"Bench-Maßnahme {i + 1:03d}",
            "umsetzung": ["kurzfristig", "mittelfristig", "langfristig"][i % 3],
        })
    admin.call("PUT", f"{api}/phase", {"phase": "priorisierung"})
    code = admin.call("GET", f"/api/v1/werkstaetten/{wid}")["join_code"]

    leute = []
    for i in range(TEILNEHMENDE):
        p = Api(base)
        p.call("POST", "/api/v1/join", {"code": code, "name": f"Bench {i + 1:02d}", "sektor": "verwaltung"})
        leute.append(p)

    runden = {}
    for methode in ["punkte", "matrix", "nutzwert", "paarvergleich", "rangfolge"]:
        # Defaults: 101 dots of at most 3 per Maßnahme for 200 options; four criteria.
        r = admin.call("POST", f"{api}/runden", {"methode": methode, "titel": f"Bench {methode}"})
        rid, ms = r["id"], r["massnahmen"]
        assert len(ms) == MASSNAHMEN, len(ms)
        for p in leute:
            p.call("PUT", f"{api}/runden/{rid}/stimmzettel", {"inhalt": ballot(rnd, methode, r, ms)})
        stand = admin.call("PUT", f"{api}/runden/{rid}/status", {"status": "geschlossen"})
        assert stand["abgegeben"] == TEILNEHMENDE, stand["abgegeben"]
        assert stand["ergebnis"]["stimmzettel"] == TEILNEHMENDE, stand["ergebnis"]["stimmzettel"]
        runden[methode] = rid

    with open(f"{out}/setup.json", "w") as f:
        json.dump({"werkstatt_id": wid, "runden": runden, "join_code": code}, f)
    # The participants' session ids, one a line, for the ballots of the wrk benchmark.
    with open(f"{out}/sids.txt", "w") as f:
        for p in leute:
            f.write(p.sid() + "\n")


def ballot(rnd, methode, r, ms):
    if methode == "punkte":
        budget, cap = r["regeln"]["budget"], r["regeln"]["max_pro_option"] or r["regeln"]["budget"]
        b, rest = {}, budget
        while rest > 0:
            m = rnd.choice(ms)
            if b.get(m, 0) < cap:
                b[m] = b.get(m, 0) + 1
                rest -= 1
        return b
    if methode == "matrix":
        return {m: {"nutzen": rnd.randint(1, 5), "aufwand": rnd.randint(1, 5)} for m in ms}
    if methode == "nutzwert":
        k = len(r["regeln"]["kriterien"])
        return {m: [rnd.randint(0, 10) for _ in range(k)] for m in ms}
    if methode == "paarvergleich":
        out = []
        for _ in range(VERGLEICHE):
            a, b = rnd.sample(ms, 2)
            out.append({"a": a, "b": b, "ausgang": rnd.choice(["a", "b", "gleich"])})
        return out
    # rangfolge: a full ranking without ties.
    order = ms[:]
    rnd.shuffle(order)
    return [[m] for m in order]


def piles(i, ms):
    """Participant i's dot ballot for the vote benchmark: 3 + 3 + 2 + 2 = BUDGET dots."""
    n = len(ms)
    return {ms[i % n]: 3, ms[(i + 7) % n]: 3, ms[(i + 13) % n]: 2, ms[(i + 29) % n]: 2}


def open_round(base, token, out, label):
    s = json.load(open(f"{out}/setup.json"))
    admin = Api(base, token)
    api = f"/api/v1/werkstaetten/{s['werkstatt_id']}"
    r = admin.call("POST", f"{api}/runden", {
        "methode": "punkte", "titel": f"Bench Stimmabgabe {label}", "budget": BUDGET, "max_pro_option": MAX_PRO,
    })
    sids = open(f"{out}/sids.txt").read().split()
    with open(f"{out}/zettel-{r['id']}.tsv", "w") as f:
        for i, sid in enumerate(sids):
            body = json.dumps({"inhalt": piles(i, r["massnahmen"])}, separators=(",", ":"))
            f.write(f"{sid}\t{body}\n")
    print(r["id"])


def check(base, token, out, rid):
    s = json.load(open(f"{out}/setup.json"))
    admin = Api(base, token)
    api = f"/api/v1/werkstaetten/{s['werkstatt_id']}"
    offen = admin.call("GET", f"{api}/runden/{rid}")
    zu = admin.call("PUT", f"{api}/runden/{rid}/status", {"status": "geschlossen"})
    ms = zu["massnahmen"]
    sids = open(f"{out}/sids.txt").read().split()
    erwartet = {}
    for i in range(len(sids)):
        for m, n in piles(i, ms).items():
            erwartet[m] = erwartet.get(m, 0) + n
    opt = zu["ergebnis"]["details"]["optionen"]
    verteilung_ok = all(int(opt.get(m, {}).get("punkte", 0)) == erwartet.get(m, 0) for m in ms)
    v = {
        "abgegeben": offen["abgegeben"],
        "stimmzettel": zu["ergebnis"]["stimmzettel"],
        "punkte_gesamt": zu["ergebnis"]["details"]["punkte_gesamt"],
        "erwartet_gesamt": len(sids) * BUDGET,
        "teilnehmende_mit_stimme": len(sids),
        "verteilung_ok": verteilung_ok,
    }
    v["ok"] = (v["abgegeben"] == v["stimmzettel"] == v["teilnehmende_mit_stimme"]
               and v["punkte_gesamt"] == v["erwartet_gesamt"] and verteilung_ok)
    print(json.dumps(v))


if __name__ == "__main__":
    cmd, base, token, out = sys.argv[1:5]
    if cmd == "setup":
        setup(base, token, out)
    elif cmd == "open":
        open_round(base, token, out, sys.argv[5])
    elif cmd == "check":
        check(base, token, out, sys.argv[5])
    else:
        sys.exit(f"unknown command {cmd}")
