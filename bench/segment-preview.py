"""By hand, not a test: seeds a tenant of N contacts (every tenth with a product_viewed event 0-13 days old) through
the public API, creates three segments and times their previews. API=http://localhost:18080 KEY=hk_demo_... N=100000
(START=k resumes seeding at contact k; SEED=0 skips it; REPS previews per segment)."""
import json, os, sys, time, urllib.request, concurrent.futures as cf
api, key, n = os.environ["API"], os.environ["KEY"], int(os.environ.get("N", "100000"))
def call(method, path, body=None):
    req = urllib.request.Request(api + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read() or b"null")
def batch(start):
    contacts = [{"id": f"c{i:06d}", "email": f"c{i}@example.com", "locale": ["zh-CN", "en-GB", "pt-BR"][i % 3],
                 "attributes": {"tier": ["gold", "silver", "bronze", "none"][i % 4], "age": 18 + i % 60},
                 "consent": {"email": {"status": "granted" if i % 7 else "denied"}}} for i in range(start, min(n, start + 1000))]
    r = call("POST", "/v1/contacts", {"contacts": contacts})
    assert r["rejected"] == 0, r
    now = time.time()
    events = [{"contactId": f"c{i:06d}", "type": "product_viewed", "properties": {"sku": "TEA-42"},
               "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now - 86400 * (i % 14)))} for i in range(start, min(n, start + 1000), 10)]
    if events:
        r = call("POST", "/v1/events", {"events": events})
        assert r["rejected"] == 0, r
if os.environ.get("SEED", "1") == "1":
    t = time.time()
    with cf.ThreadPoolExecutor(int(os.environ.get("SEEDERS", "4"))) as pool:
        list(pool.map(batch, range(int(os.environ.get("START", "0")), n, 1000)))
    print(f"seeded {n} contacts in {time.time() - t:.0f} s", flush=True)
segments = {
    "gold": {"attribute": "tier", "op": "eq", "value": "gold"},
    "viewed": {"all": [{"consent": "email"}, {"locale": "zh"},
                       {"event": "product_viewed", "where": {"sku": "TEA-42"}, "within": "P7D"},
                       {"not": {"event": "purchased", "within": "P7D"}}]},
    "every-event": {"event": "product_viewed", "within": "P7D"},
}
for sid, rule in segments.items():
    try:
        call("POST", "/v1/segments", {"id": sid, "name": sid, "rule": rule})
    except Exception:
        pass
    for rep in range(int(os.environ.get("REPS", "2"))):
        t = time.time()
        p = call("POST", f"/v1/segments/{sid}/preview")
        took = time.time() - t
        print(f"{sid:12s} count={p['count']:6d} evaluated={p['evaluated']:6d} complete={p['complete']} "
              f"elapsedMs={p['elapsedMs']:6d} http={took:5.1f}s -> {p['evaluated'] / max(p['elapsedMs'], 1) * 1000:7.0f} contacts/s", flush=True)
