"""Helpers of bench/run.sh.

  prepare.py WORK PORT CUSTOMERS       write the request bodies (from schema/operations), the email cursors and the
                                       size of one storefront answer into WORK
  prepare.py --count-writes DB         print how many benchmark writes (idempotency key bench-...) the database holds
  prepare.py --webhook PORT URL        create a webhook endpoint for every event type at URL; print its id
  prepare.py --webhook-enabled PORT ID true|false
                                       turn the endpoint's delivery on or off
  prepare.py --report RESULTS STORED PEAK_MIB CUSTOMERS CONNECTIONS DURATION RUNS
                                       print the medians per scenario
"""
import json, os, sqlite3, statistics, sys, urllib.request
from pathlib import Path

OPERATIONS = Path(__file__).resolve().parent.parent / "schema" / "operations"
STOREFRONT = "storefront-personalize"
EMAIL = "email-batch"
WRITES = "tracking-track-interaction"
PAGE = 1000


def operation(name, **variables):
    query = (OPERATIONS / f"{name}.graphql").read_text()
    defaults = json.loads((OPERATIONS / f"{name}.variables.json").read_text())
    return {"query": query, "variables": {**defaults, **variables}}


def post(port, body):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", json.dumps(body).encode(),
                                     {"Content-Type": "application/json", "X-Api-Key": os.environ["BENCH_API_KEY"]})
    with urllib.request.urlopen(request, timeout=120) as response:
        raw = response.read()
    answer = json.loads(raw)
    if answer.get("errors"):
        sys.exit(f"the benchmark's operation failed: {answer['errors']}")
    return raw, answer


def prepare(work, port, customers):
    work = Path(work)
    storefront = operation(STOREFRONT, customerId="__CUSTOMER__")
    (work / "storefront.json").write_text(json.dumps(storefront))
    raw, _ = post(port, {**storefront, "variables": {**storefront["variables"], "customerId": "C00042"}})
    (work / "storefront.bytes").write_text(str(len(raw)))

    email = operation(EMAIL, first=PAGE, after="__AFTER__")
    (work / "email.json").write_text(json.dumps(email).replace('"__AFTER__"', "__AFTER__"))
    cursors, after = [""], None
    while len(cursors) < 200:
        _, answer = post(port, {"query": "query($after: String) { customers(first: %d, after: $after, order: [{ id: ASC }]) "
                                         "{ pageInfo { hasNextPage endCursor } } }" % PAGE, "variables": {"after": after}})
        page = answer["data"]["customers"]["pageInfo"]
        if not page["hasNextPage"]:
            break
        after = page["endCursor"]
        cursors.append(after)
    (work / "cursors.txt").write_text("\n".join(cursors) + "\n")

    writes = operation(WRITES)
    writes["variables"]["input"].update(customerId="__CUSTOMER__", idempotencyKey="__KEY__")
    (work / "writes.json").write_text(json.dumps(writes))
    print(f"prepared: storefront answer {len(raw):,} bytes, {len(cursors)} email pages of {PAGE:,}")


def webhook(port, url):
    _, answer = post(port, {"query": "mutation($url: String!) { createWebhookEndpoint(input: { url: $url, maxConcurrency: 16, "
                                     "maxPerSecond: 10000 }) { webhookEndpoint { id } errors { message } } }",
                            "variables": {"url": url}})
    print(answer["data"]["createWebhookEndpoint"]["webhookEndpoint"]["id"])


def webhook_enabled(port, endpoint, enabled):
    post(port, {"query": "mutation($id: ID!, $on: Boolean!) { updateWebhookEndpoint(input: { id: $id, enabled: $on }) "
                         "{ errors { message } } }", "variables": {"id": endpoint, "on": enabled == "true"}})


def count_writes(db):
    with sqlite3.connect(db) as connection:
        # The keys are stored keyed-hashed (docs/security.md); the benchmark's writes are the only ones while it runs.
        print(connection.execute("SELECT COUNT(*) FROM Interactions").fetchone()[0])


def report(results, stored, peak_mib, customers, connections, duration, runs):
    rows = [json.loads(line) for line in open(results)]
    median = {}
    for name in dict.fromkeys(r["scenario"] for r in rows):
        runs_of = [r for r in rows if r["scenario"] == name]
        median[name] = {k: statistics.median(r[k] for r in runs_of) for k in runs_of[0] if k != "scenario"}
        median[name]["errors"] = statistics.median(
            r["socket_errors"] + r["status_errors"] + r["timeouts"] + r["graphql_errors"] for r in runs_of)
    print(f"\nMedians of {runs} runs of {duration} s, {int(customers):,} customers, {connections} connections "
          f"(email: 4), wrk -t2 on the same 2-core machine:")
    print(f"{'scenario':<17}{'req/s':>10}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for name, m in median.items():
        print(f"{name:<17}{m['rps']:>10,.0f}{m['p50_ms']:>9.2f}{m['p95_ms']:>9.2f}{m['p99_ms']:>9.2f}{m['errors']:>8.0f}")
    print(f"storefront / ceiling: {median['storefront']['rps'] / median['ceiling']['rps']:.1%} of the ceiling's requests/s")
    if "storefront-delivering" in median:
        quiet, delivering = median["storefront-quiet"]["rps"], median["storefront-delivering"]["rps"]
        print(f"storefront while webhooks are delivered: {delivering / quiet:.1%} of its requests/s without "
              f"({delivering:,.0f} against {quiet:,.0f})")
    print(f"email batch: {median['email']['rps'] * PAGE:,.0f} customers/s")
    write_runs = [r for r in rows if r["scenario"] == "writes"]
    sent = sum(r["requests"] for r in write_runs)
    accepted = sum(r["requests"] - r["status_errors"] - r["graphql_errors"] for r in write_runs)
    stored = int(stored)
    verdict = "none lost" if stored >= accepted else f"{accepted - stored:,} LOST"
    print(f"writes: {sent:,} answered, {accepted:,} accepted, {stored:,} stored ({verdict}; "
          f"up to {int(connections)} per run may be stored after wrk stopped waiting)")
    print(f"service peak memory: {int(peak_mib):,} MiB")


if __name__ == "__main__":
    if sys.argv[1] == "--count-writes":
        count_writes(sys.argv[2])
    elif sys.argv[1] == "--webhook":
        webhook(*sys.argv[2:4])
    elif sys.argv[1] == "--webhook-enabled":
        webhook_enabled(*sys.argv[2:5])
    elif sys.argv[1] == "--report":
        report(*sys.argv[2:9])
    else:
        prepare(*sys.argv[1:4])
