#!/usr/bin/env python3
"""Write targets for the write benchmark of bench/http.sh.

A Werkstatt takes at most werkstatt_core::grenzen::MASSNAHMEN_JE_WERKSTATT Maßnahmen, so a
write benchmark of several thousand creations spreads them over many Werkstätten in the
Gruppenarbeit, each with one chosen field.

    schreibziele.py anlegen BASE TOKEN N   prints N lines "werkstatt_id feld_id"
    schreibziele.py zaehlen BASE TOKEN FILE  prints the Maßnahmen of the Werkstätten in FILE

Only the standard library; loopback only.
"""

import json
import sys
import urllib.request


def call(base, token, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Authorization", "Bearer " + token)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)


def anlegen(base, token, n):
    for i in range(n):
        # AGS: eight digits, unique per Kommune; 07 is Rheinland-Pfalz.
        k = call(base, token, "POST", "/api/v1/kommunen",
                 {"name": f"Schreibtest {i}", "art": "verbandsgemeinde", "ags": f"0799{i:04d}", "einwohner": 10000})
        w = call(base, token, "POST", "/api/v1/werkstaetten",
                 {"titel": f"Schreibtest {i}", "datum": "2026-03-14", "kommunen": [k["id"]]})
        wid = w["id"]
        call(base, token, "PUT", f"/api/v1/werkstaetten/{wid}/phase", {"phase": "feldwahl"})
        felder = call(base, token, "GET", f"/api/v1/werkstaetten/{wid}/felder")["felder"]
        feld = felder[0]["feld"]["id"]
        call(base, token, "PUT", f"/api/v1/werkstaetten/{wid}/felder/{feld}/auswahl", {"gewaehlt": True})
        call(base, token, "PUT", f"/api/v1/werkstaetten/{wid}/phase", {"phase": "gruppenarbeit"})
        print(wid, feld)


def zaehlen(base, token, datei):
    n = 0
    with open(datei) as f:
        for line in f:
            wid = line.split()[0]
            n += len(call(base, token, "GET", f"/api/v1/werkstaetten/{wid}/massnahmen"))
    print(n)


if __name__ == "__main__":
    cmd, base, token, arg = sys.argv[1:5]
    if cmd == "anlegen":
        anlegen(base, token, int(arg))
    elif cmd == "zaehlen":
        zaehlen(base, token, arg)
    else:
        sys.exit(f"unbekannter Befehl {cmd}")
