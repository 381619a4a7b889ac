#!/usr/bin/env python3
"""Load test of live fragments (standard library only), with several load processes.

N participants (default 300) join the Werkstatt, each keeps its event stream open and, as
the real client (static/live.js) does, fetches the group's Maßnahmen fragment 80 ms after
each `massnahme` event, sending the ETag it has (the server answers 304 when unchanged).
A few writers add a Maßnahme every so often; its title carries the time it was sent. For
every write and every client, the latency is the time from sending the write until that
client holds a fragment that shows it. The clients are spread over P processes so that the
load generator is not the bottleneck; their own CPU time is reported too.

Usage: bench/fragmente.py --base http://127.0.0.1:PORT --werkstatt ID --code JOINCODE
       --feld FELD_ID --pid SERVER_PID [--clients 300] [--procs 4] [--seconds 60]
       [--writes-per-s 2]
Prints one JSON object with the figures.
"""
import argparse
import asyncio
import json
import multiprocessing as mp
import os
import re
import resource
import time
from urllib.parse import urlsplit

TITEL = re.compile(r"Last (\d+\.\d+) (\d+)")


async def request(host, port, method, path, headers=None, body=None):
    reader, writer = await asyncio.open_connection(host, port)
    data = json.dumps(body).encode() if body is not None else b""
    head = f"{method} {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n"
    for k, v in (headers or {}).items():
        head += f"{k}: {v}\r\n"
    if body is not None:
        head += f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n"
    writer.write(head.encode() + b"\r\n" + data)
    await writer.drain()
    raw = await reader.read()
    writer.close()
    head, _, rest = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    hdrs = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        hdrs.setdefault(k.strip().lower(), []).append(v.strip())
    return int(lines[0].split()[1]), hdrs, rest


async def join(host, port, code, name):
    status, hdrs, _ = await request(host, port, "POST", "/api/v1/join", body={"code": code, "name": name})
    if status != 201:
        raise RuntimeError(f"join {status}")
    return hdrs["set-cookie"][0].split(";")[0]


class Client:
    def __init__(self, host, port, werkstatt, feld, cookie, out):
        self.host, self.port, self.cookie, self.out = host, port, cookie, out
        self.fragment = f"/w/{werkstatt}/teile/gruppe-massnahmen?feld={feld}"
        self.events = f"/w/{werkstatt}/events"
        self.etag = None
        self.seen = set()
        self.scheduled = False

    async def fetch(self):
        await asyncio.sleep(0.08)
        self.scheduled = False
        headers = {"Cookie": self.cookie, "X-Werkstatt-Live": "1"}
        if self.etag:
            headers["If-None-Match"] = self.etag
        try:
            status, hdrs, body = await request(self.host, self.port, "GET", self.fragment, headers)
        except OSError:
            self.out["errors"] += 1
            return
        self.out["fetches"] += 1
        if status == 304:
            self.out["not_modified"] += 1
            return
        if status != 200:
            self.out["errors"] += 1
            return
        self.etag = hdrs.get("etag", [None])[0]
        now = time.time()
        for sent, nr in TITEL.findall(body.decode("utf-8", "replace")):
            if nr not in self.seen:
                self.seen.add(nr)
                self.out["latencies"].append(now - float(sent))

    async def run(self, stop_at):
        reader, writer = await asyncio.open_connection(self.host, self.port)
        writer.write(
            f"GET {self.events} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nCookie: {self.cookie}\r\n"
            "Accept: text/event-stream\r\n\r\n".encode()
        )
        await writer.drain()
        # The first fetch learns the fragment (and what is already there, not counted).
        await self.fetch()
        while time.time() < stop_at:
            try:
                line = await asyncio.wait_for(reader.readline(), timeout=max(0.1, stop_at - time.time()))
            except asyncio.TimeoutError:
                break
            if not line:
                self.out["errors"] += 1
                break
            if line.startswith(b"event: massnahme") and not self.scheduled:
                self.scheduled = True
                asyncio.ensure_future(self.fetch())
        writer.close()


async def writer_loop(host, port, werkstatt, feld, cookies, every, stop_at, out, start_nr):
    # Each write in the name of the next participant: one person may write at most 30
    # Maßnahmen (werkstatt_core::grenzen), a room of 300 shares the load.
    nr = start_nr
    k = 0
    while time.time() < stop_at - 2:
        nr += 1
        cookie = cookies[k % len(cookies)]
        k += 1
        sent = time.time()
        body = {"feld_id": feld, "titel": f"Last {sent:.6f} {nr}", "umsetzung": "kurzfristig"}
        status, _, _ = await request(host, port, "POST", f"/api/v1/werkstaetten/{werkstatt}/massnahmen",
                                     {"Cookie": cookie}, body)
        out["writes"] += 1
        if status != 201:
            out["errors"] += 1
        await asyncio.sleep(max(0.0, every - (time.time() - sent)))


def worker(idx, args, n_clients, n_writers, queue):
    async def main():
        u = urlsplit(args.base)
        out = {"latencies": [], "errors": 0, "fetches": 0, "not_modified": 0, "writes": 0}
        cookies = []
        for i in range(n_clients):
            cookies.append(await join(u.hostname, u.port, args.code, f"Last {idx}-{i}"))
        stop_at = args.start + args.seconds
        await asyncio.sleep(max(0.0, args.start - time.time()))
        clients = [Client(u.hostname, u.port, args.werkstatt, args.feld, c, out) for c in cookies]
        tasks = [asyncio.ensure_future(c.run(stop_at)) for c in clients]
        # Wait until every stream has learnt the fragment before the first write.
        await asyncio.sleep(3)
        per_writer = n_writers / args.writes_per_s if n_writers else 0
        for w in range(n_writers):
            tasks.append(asyncio.ensure_future(
                writer_loop(u.hostname, u.port, args.werkstatt, args.feld, cookies[w::n_writers], per_writer, stop_at, out,
                            (idx * 100 + w) * 1_000_000)))
        await asyncio.gather(*tasks, return_exceptions=True)
        await asyncio.sleep(0.5)
        return out

    out = asyncio.run(main())
    r = resource.getrusage(resource.RUSAGE_SELF)
    out["cpu_s"] = r.ru_utime + r.ru_stime
    queue.put(out)


def proc_cpu_s(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proc_rss_kb(pid, key="VmHWM"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def pct(xs, p):
    if not xs:
        return None
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--werkstatt", required=True)
    ap.add_argument("--code", required=True)
    ap.add_argument("--feld", required=True)
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--clients", type=int, default=300)
    ap.add_argument("--procs", type=int, default=4)
    ap.add_argument("--writers", type=int, default=4)
    ap.add_argument("--writes-per-s", type=float, default=2.0)
    ap.add_argument("--seconds", type=float, default=60)
    args = ap.parse_args()
    args.start = time.time() + 2 + args.clients * 0.01
    queue = mp.Queue()
    procs = []
    for i in range(args.procs):
        n = args.clients // args.procs + (1 if i < args.clients % args.procs else 0)
        w = args.writers // args.procs + (1 if i < args.writers % args.procs else 0)
        p = mp.Process(target=worker, args=(i, args, n, w, queue))
        p.start()
        procs.append(p)
    cpu0 = proc_cpu_s(args.pid)
    t0 = time.time()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    wall = time.time() - t0
    cpu1 = proc_cpu_s(args.pid)
    lat = [x for r in results for x in r["latencies"]]
    writes = sum(r["writes"] for r in results)
    print(json.dumps({
        "clients": args.clients,
        "procs": args.procs,
        "writes": writes,
        "expected_deliveries": writes * args.clients,
        "deliveries": len(lat),
        "p50_ms": round(1000 * pct(lat, 50), 1) if lat else None,
        "p99_ms": round(1000 * pct(lat, 99), 1) if lat else None,
        "max_ms": round(1000 * max(lat), 1) if lat else None,
        "fetches": sum(r["fetches"] for r in results),
        "not_modified": sum(r["not_modified"] for r in results),
        "errors": sum(r["errors"] for r in results),
        "server_cpu_share_of_one_core": round((cpu1 - cpu0) / wall, 3),
        "server_peak_rss_mb": round(proc_rss_kb(args.pid) / 1024, 1),
        "load_generator_cpu_s": round(sum(r["cpu_s"] for r in results), 1),
        "wall_s": round(wall, 1),
    }))


if __name__ == "__main__":
    main()
