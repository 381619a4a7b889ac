#!/usr/bin/env python3
"""Load test of a Digital-Werkstatt day (standard library only).

Simulates N participants (default 300) for a while (default 120 s): each keeps the event
stream of the Werkstatt open and writes a Maßnahme about every 10 seconds. Reports the
fan-out latency from the start of a write to its arrival at every other client (p50/p99),
errors, and the server processes' CPU time and peak RSS (from /proc).

Usage: bench/last.py --base http://127.0.0.1:18090[,http://127.0.0.1:18091] --werkstatt ID
       --code JOINCODE --feld FELD_ID --pids 123[,456] [--clients 300] [--seconds 120]
With two base URLs the clients and writes are spread over both instances.
"""
import argparse
import asyncio
import json
import random
import statistics
import time
from urllib.parse import urlsplit


async def http(base, method, path, body=None, cookie=None):
    u = urlsplit(base)
    reader, writer = await asyncio.open_connection(u.hostname, u.port)
    data = json.dumps(body).encode() if body is not None else b""
    head = f"{method} {path} HTTP/1.1\r\nHost: {u.netloc}\r\nConnection: close\r\n"
    if body is not None:
        head += f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n"
    if cookie:
        head += f"Cookie: {cookie}\r\n"
    writer.write(head.encode() + b"\r\n" + data)
    await writer.drain()
    raw = await reader.read()
    writer.close()
    head, _, rest = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    cookies = [l.split(":", 1)[1].strip().split(";")[0] for l in lines[1:] if l.lower().startswith("set-cookie:")]
    return status, rest, cookies


class Stats:
    def __init__(self):
        self.sent = {}  # massnahme id -> send start time
        self.pending = {}  # id -> time the request started (before the id is known)
        self.latencies = []
        self.arrivals = []
        self.errors = 0
        self.writes = 0
        self.events = 0


async def client(i, base, werkstatt, cookie, stats, stop, feld, write_every):
    u = urlsplit(base)
    reader, writer = await asyncio.open_connection(u.hostname, u.port)
    writer.write(
        f"GET /api/v1/werkstaetten/{werkstatt}/events HTTP/1.1\r\nHost: {u.netloc}\r\nCookie: {cookie}\r\n"
        "Accept: text/event-stream\r\n\r\n".encode()
    )
    await writer.drain()

    async def read_events():
        try:
            while not stop.is_set():
                line = await reader.readline()
                if not line:
                    stats.errors += 1
                    return
                if line.startswith(b"data:") and b'"massnahme"' in line:
                    now = time.monotonic()
                    try:
                        ev = json.loads(line[5:])
                    except ValueError:
                        continue
                    # Matched with the write's start time at the end: an event may
                    # arrive before the writer has read its own response.
                    stats.arrivals.append((ev.get("id"), now))
        except (ConnectionError, asyncio.IncompleteReadError):
            stats.errors += 1

    async def write_loop():
        await asyncio.sleep(random.uniform(0, write_every))
        n = 0
        while not stop.is_set():
            n += 1
            t0 = time.monotonic()
            try:
                status, body, _ = await http(base, "POST", f"/api/v1/werkstaetten/{werkstatt}/massnahmen",
                                             {"feld_id": feld, "titel": f"Last {i}-{n}", "umsetzung": "kurzfristig"}, cookie)
                if status == 201:
                    stats.sent[json.loads(body)["id"]] = t0
                    stats.writes += 1
                else:
                    stats.errors += 1
            except (ConnectionError, OSError, ValueError):
                stats.errors += 1
            await asyncio.sleep(write_every * random.uniform(0.8, 1.2))

    r = asyncio.create_task(read_events())
    w = asyncio.create_task(write_loop())
    await stop.wait()
    w.cancel()
    writer.close()
    r.cancel()


def proc(pid):
    with open(f"/proc/{pid}/stat") as f:
        parts = f.read().split(")")[1].split()
    ticks = int(parts[11]) + int(parts[12])
    hwm = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                hwm = int(line.split()[1])
    return ticks, hwm


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--werkstatt", required=True)
    ap.add_argument("--code", required=True)
    ap.add_argument("--feld", required=True)
    ap.add_argument("--pids", required=True)
    ap.add_argument("--clients", type=int, default=300)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--write-every", type=float, default=10)
    a = ap.parse_args()
    bases = a.base.split(",")
    pids = [int(p) for p in a.pids.split(",")]
    stats = Stats()
    cookies = []
    for i in range(a.clients):
        base = bases[i % len(bases)]
        status, _, c = await http(base, "POST", "/api/v1/join", {"code": a.code, "name": f"Last {i}", "sektor": "sonstige"})
        if status != 201 or not c:
            raise SystemExit(f"join {i} failed: {status}")
        cookies.append(c[0])
    before = [proc(p) for p in pids]
    stop = asyncio.Event()
    tasks = [asyncio.create_task(client(i, bases[i % len(bases)], a.werkstatt, cookies[i], stats, stop, a.feld, a.write_every))
             for i in range(a.clients)]
    started = time.monotonic()
    await asyncio.sleep(a.seconds)
    stop.set()
    await asyncio.sleep(1)
    for t in tasks:
        t.cancel()
    elapsed = time.monotonic() - started
    after = [proc(p) for p in pids]
    for mid, t in stats.arrivals:
        t0 = stats.sent.get(mid)
        if t0 is not None:
            stats.latencies.append(t - t0)
            stats.events += 1
    lat = sorted(stats.latencies)
    q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")
    expected = stats.writes * a.clients
    print(json.dumps({
        "clients": a.clients,
        "instances": len(bases),
        "seconds": round(elapsed, 1),
        "writes": stats.writes,
        "deliveries": stats.events,
        "deliveries_expected": expected,
        "fanout_p50_ms": round(q(0.50), 1),
        "fanout_p99_ms": round(q(0.99), 1),
        "fanout_max_ms": round(lat[-1] * 1000, 1) if lat else None,
        "errors": stats.errors,
        "cpu_seconds": [round((b2[0] - b1[0]) / 100, 1) for b1, b2 in zip(before, after)],
        "cpu_share_of_one_core": [round((b2[0] - b1[0]) / 100 / elapsed, 2) for b1, b2 in zip(before, after)],
        "peak_rss_mb": [round(b2[1] / 1024, 1) for b2 in after],
    }, indent=2))


if __name__ == "__main__":
    asyncio.run(main())
