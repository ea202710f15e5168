#!/usr/bin/env python3
"""bench-serve's writers: W clients that, until the time is up, each record status changes on parcels of their own
(GET the parcel's ETag, POST an event with If-Match: revitalized -> idle -> inefficient -> idle ...) and give
recovered parcels to projects of their own (GET the project's ETag, POST its sites with If-Match), one request
at a time, through the server's API. Writer w's projects are BENCH-w-1 ... BENCH-w-P (--projects P, made by the
caller); its sites go round them, so a project gets a few sites, as a zone's projects do.

    writers.py URL CLERK_TOKEN OFFICER_TOKEN SECONDS OUT.json [--writers 4] [--projects 20] [--rate R] [--date YYYY-MM-DD]

--rate R paces each writer at R writes a second (a write: the ETag read and the write itself); 0, the default, writes
as fast as the server answers (a stress load: four clients each keeping one request in flight at all times).

OUT.json lists every acknowledged write (201: the event's id) so that the caller can look for each in the registry
file, counts the answers by status, and gives the writes' p50/p99 latency (ETag read + write, in ms).
"""
import argparse, json, threading, time, urllib.error, urllib.parse, urllib.request

def call(url, token, method="GET", body=None, if_match=None):
    headers = {"Authorization": "Bearer " + token}
    if body is not None:
        headers["Content-Type"] = "application/json"
    if if_match:
        headers["If-Match"] = if_match
    req = urllib.request.Request(url, data=None if body is None else json.dumps(body).encode(), method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers.get("ETag"), json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("ETag"), json.loads(e.read() or b"{}")

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url"); ap.add_argument("clerk"); ap.add_argument("officer"); ap.add_argument("seconds", type=float)
    ap.add_argument("out"); ap.add_argument("--writers", type=int, default=4); ap.add_argument("--projects", type=int, default=20)
    ap.add_argument("--rate", type=float, default=0)
    ap.add_argument("--date", default=time.strftime("%Y-%m-%d"))
    a = ap.parse_args()
    base = a.url.rstrip("/")
    # Each writer's own parcels: revitalized ones to change status, recovered ones to assign.
    def ids(status, n):
        s, _, page = call(f"{base}/api/parcels?status={status}&limit={n}", a.clerk)
        assert s == 200, (s, page)
        return [p["parcel_id"] for p in page["parcels"]]
    per = 200
    revitalized, recovered = ids("revitalized", per * a.writers), ids("recovered", per * a.writers)
    lock = threading.Lock()
    acked = {"parcel_events": [], "project_events": []}
    statuses, latencies, problems = {}, [], []
    deadline = time.monotonic() + a.seconds

    def writer(w):
        mine, sites = revitalized[w::a.writers], recovered[w::a.writers]
        state = {p: "revitalized" for p in mine}
        i = 0
        start = time.monotonic()
        while time.monotonic() < deadline:
            if a.rate > 0:
                # The i-th slot is due at start + i / rate; a writer that fell behind goes at once until it is back
                # on the schedule. Every other slot is a site assignment: once a writer's sites are all assigned,
                # those slots pass without a write, so the rate then halves.
                wait = start + i / a.rate - time.monotonic()
                if wait > 0: time.sleep(wait)
            t0 = time.monotonic()
            if i % 2 == 0:
                p = mine[(i // 2) % len(mine)]
                to = "idle" if state[p] in ("revitalized", "inefficient") else "inefficient"
                s, etag, _ = call(f"{base}/api/parcels/{urllib.parse.quote(p)}", a.clerk)
                s, _, body = call(f"{base}/api/parcels/{urllib.parse.quote(p)}/events", a.clerk, "POST",
                                  {"date": a.date, "status": to, "note": f"bench writer {w}"}, etag)
                if s == 201:
                    state[p] = to
                    kind = "parcel_events"
            else:
                if (i // 2) >= len(sites):
                    i += 1
                    continue
                site = sites[i // 2]
                project = f"BENCH-{w + 1}-{(i // 2) % a.projects + 1}"
                s, etag, _ = call(f"{base}/api/projects/{project}", a.officer)
                s, _, body = call(f"{base}/api/projects/{project}/sites", a.officer, "POST",
                                  {"parcels": [site], "date": a.date, "note": f"bench writer {w}"}, etag)
                kind = "project_events"
            ms = (time.monotonic() - t0) * 1000
            with lock:
                statuses[s] = statuses.get(s, 0) + 1
                latencies.append(ms)
                if s == 201:
                    acked[kind].append(body["id"])
                elif len(problems) < 20:
                    problems.append(f"writer {w}: {s} {body.get('error', body)}")
            i += 1

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(a.writers)]
    for t in threads: t.start()
    for t in threads: t.join()
    latencies.sort()
    q = lambda f: round(latencies[min(len(latencies) - 1, int(f * len(latencies)))], 1) if latencies else None
    out = {"acked": acked, "statuses": {str(k): v for k, v in sorted(statuses.items())}, "problems": problems,
           "writes": len(latencies), "p50_ms": q(0.50), "p99_ms": q(0.99)}
    json.dump(out, open(a.out, "w"), indent=1)
    print(f"writers: {len(latencies)} writes ({len(acked['parcel_events'])} parcel events, {len(acked['project_events'])} site assignments "
          f"acknowledged), answers {out['statuses']}, write p50 {out['p50_ms']} ms, p99 {out['p99_ms']} ms")
    for p in problems[:5]: print("  " + p)

main()
