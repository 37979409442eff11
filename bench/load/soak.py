#!/usr/bin/env python3
"""Soak: `sluice serve` under steady load for a long time, with everything a production engine does at once, and
a check that nothing is lost and nothing grows.

Usage: bench/load/soak.py --lossless RATE [--fraction 0.5] [--duration 1800] [--csv bench/load/results/soak.csv]
       bench/load/soak.py --find 5000,10000,20000,... [--find-seconds 10] [...]   (measure the lossless rate first)

The engine gets the 20 flow definitions of twenty-flows.json, four thresholds, two forwarding sessions to udpsink
receivers on 127.0.0.1, a real Prometheus (Debian `prometheus`) scraping /prometheus/metrics/ALL/ALL/txt,
/prometheus/analyzer/txt and the flow export every second, and a "UI poller" that GETs the REST endpoints the web UI
uses once a second. The shared sflowgen sends --fraction x --lossless datagrams/s for --duration seconds.

Every --interval seconds a CSV row records datagrams sent, received, decoded, kernel and queue drops, forwarded,
RSS (/proc/PID/status VmRSS), GC heap, GC pause total, collections and gen 2 collections (/analyzer/json), threads
(/proc/PID/status Threads), open fds (/proc/PID/fd), CPU and the UI poller's p99 latency.

Pass/fail (exit code 1 on any failure), judged on the samples after --warmup seconds:
  * loss: every datagram sent is decoded, no kernel or queue drop, no forwarding drop;
  * RSS: the mean of the last three samples exceeds the mean of the first three by at most --rss-tolerance MB;
  * GC: the pause time per interval in the last third averages at most 2x the first third + --gc-tolerance ms;
  * threads and fds: the last sample exceeds the first by at most --threads-tolerance / --fds-tolerance
    (the thread pool adds and retires workers as load and CPU contention vary, so a few threads either way is noise);
  * REST: no failed request.
Needs gcc, python3, the .NET SDK, /usr/bin/prometheus and ../shared/tools (or SLUICE_SHARED). Loopback only.
"""
import argparse
import csv
import os
import shutil
import socket
import subprocess
import tempfile
import time

import harness

PROMETHEUS = "/usr/bin/prometheus"
THRESHOLDS = {
    "in-utilization": {"metric": "ifinutilization", "value": 80},
    "out-utilization": {"metric": "ifoututilization", "value": 80},
    "in-errors": {"metric": "ifinerrors", "value": 1},
    "syn-flood": {"metric": "syn", "value": 100000, "byFlow": True, "timeout": 10},
}
# The REST calls the web UI makes while a page is open, once a second.
UI_FLOWS = ("pairs", "countries", "five-tuple", "services")
UI_URLS = ["/analyzer/json", "/agents/json"] + [f"/activeflows/ALL/{name}/json?maxFlows=20" for name in UI_FLOWS] + [
    "/metric/ALL/ifinoctets,ifoutoctets,ifinutilization,ifoututilization/json", "/threshold/json", "/events/json?maxEvents=20"]


def prometheus_config(target):
    flow_job = {"metric": "ip_countries_bps", "key": ["null:[country:ipsource]:unknown", "null:[country:ipdestination]:unknown"],
                "label": ["src", "dst"], "value": "bytes", "scale": "8", "aggMode": "sum", "maxFlows": "100"}
    params = "\n".join(f"      {k}: [{', '.join(repr(x) for x in (v if isinstance(v, list) else [v]))}]" for k, v in flow_job.items())
    return f"""global: {{scrape_interval: 1s, evaluation_interval: 1s}}
scrape_configs:
  - job_name: sluice-metrics
    metrics_path: /prometheus/metrics/ALL/ALL/txt
    static_configs: [{{targets: ['{target}']}}]
  - job_name: sluice-analyzer
    metrics_path: /prometheus/analyzer/txt
    static_configs: [{{targets: ['{target}']}}]
  - job_name: sluice-countries
    metrics_path: /app/prometheus/scripts/export.js/flows/ALL/txt
    static_configs: [{{targets: ['{target}']}}]
    params:
{params}
"""


class Prometheus:
    def __init__(self, target):
        if not os.path.exists(PROMETHEUS):
            raise SystemExit("prometheus is not installed (apt-get install prometheus)")
        self.folder = tempfile.mkdtemp(prefix="sluice-soak-prometheus-")
        with open(os.path.join(self.folder, "prometheus.yml"), "w") as f:
            f.write(prometheus_config(target))
        self.port = harness.free_port(socket.SOCK_STREAM)
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen([PROMETHEUS, f"--config.file={self.folder}/prometheus.yml", f"--storage.tsdb.path={self.folder}/data",
                                         f"--web.listen-address=127.0.0.1:{self.port}", "--storage.tsdb.retention.time=2h", "--log.level=warn"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=self.folder)

    def query(self, promql):
        import urllib.parse
        return harness.get_json(f"{self.base}/api/v1/query?query={urllib.parse.quote(promql)}")["data"]["result"]

    def targets_up(self, timeout=60):
        """Waits (bounded) until every scrape job is up; returns how many are."""
        deadline = time.time() + timeout
        up = 0
        while time.time() < deadline:
            try:
                up = sum(1 for r in self.query("up") if r["value"][1] == "1")
                if up == 3:
                    return up
            except Exception:
                pass  # not listening yet
            time.sleep(0.5)
        return up

    def stop(self):
        harness.terminate(self.process)
        shutil.rmtree(self.folder, ignore_errors=True)


def slope_per_hour(points):
    """Least-squares slope of (seconds, value) points, per hour."""
    if len(points) < 2:
        return 0.0
    n = len(points)
    mx = sum(p[0] for p in points) / n
    my = sum(p[1] for p in points) / n
    var = sum((p[0] - mx) ** 2 for p in points)
    return sum((p[0] - mx) * (p[1] - my) for p in points) / var * 3600 if var else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    harness.add_setup_arguments(parser)
    parser.add_argument("--fraction", type=float, default=0.5, help="soak rate as a fraction of --lossless")
    parser.add_argument("--duration", type=int, default=1800, help="seconds")
    parser.add_argument("--interval", type=int, default=10, help="seconds between samples")
    parser.add_argument("--warmup", type=int, default=60, help="seconds before the growth checks' first sample")
    parser.add_argument("--warmup-send", type=int, default=30, help="seconds of uncounted traffic at the soak rate first (JIT, tables)")
    parser.add_argument("--csv", default=os.path.join(harness.REPO, "bench", "load", "results", "soak.csv"))
    parser.add_argument("--forward", type=int, default=2, help="forwarding sessions to udpsink on 127.0.0.1")
    parser.add_argument("--rss-tolerance", type=float, default=32, help="MB")
    parser.add_argument("--gc-tolerance", type=float, default=20, help="ms of pause per interval")
    parser.add_argument("--threads-tolerance", type=int, default=6)
    parser.add_argument("--fds-tolerance", type=int, default=8)
    args = harness.parse_setup_arguments(parser)

    pool = harness.build_pool(args.pool)
    dll = harness.build_sluice()
    harness.raise_rmem_max(args.buffer)
    sinks = harness.Sinks(args.forward, args.buffer)
    # The cap exists against amplification; here every datagram should be forwarded, so lift it.
    engine = harness.Engine(dll, args.buffer, ["-Dforwarding.maxrate=100000000"] + args.extra)
    prometheus = poller = sender = None
    failures = []
    try:
        flows = engine.put_flows(args.flows)
        for name, threshold in THRESHOLDS.items():
            harness.put_json(f"{engine.base}/threshold/{name}/json", threshold)
        sinks.add_sessions(engine)
        print(f"sluice pid {engine.pid}: {len(flows)} flows, {len(THRESHOLDS)} thresholds, {args.forward} forwarding sessions", flush=True)

        if args.find:
            print("finding the lossless rate with this setup (no Prometheus, no poller):", flush=True)
        harness.find_lossless_if_asked(args, engine, pool)

        prometheus = Prometheus(f"127.0.0.1:{engine.http_port}")
        up = prometheus.targets_up()
        print(f"prometheus on :{prometheus.port}: {up}/3 scrape jobs up", flush=True)
        if up != 3:
            failures.append(f"only {up}/3 Prometheus scrape jobs up")
        poller = harness.Poller(engine.base, UI_URLS, 1.0)

        rate = int(args.lossless * args.fraction)
        print(f"soak: {rate} datagrams/s ({args.fraction:g} x {args.lossless}) for {args.duration} s, a row every {args.interval} s -> {args.csv}", flush=True)
        os.makedirs(os.path.dirname(os.path.abspath(args.csv)), exist_ok=True)
        out = open(args.csv, "w", newline="")
        writer = csv.writer(out)
        writer.writerow(["seconds", "sent", "received", "decoded", "kernel_drops", "queue_drops", "forwarded", "forward_drops", "rss_mb",
                         "gc_heap_mb", "gc_pause_ms", "gc_count", "gc_gen2", "threads", "fds", "cpu_pct", "rest_p99_ms", "rest_failures"])
        if args.warmup_send:
            # A cold engine (JIT tiering, empty tables) is slower than a warm one: on a busy machine its first
            # seconds can drop at rates it then sustains. The soak is about the steady state, so warm up first.
            harness.send(pool, engine.sflow_port, rate, args.warmup_send)
            warm = harness.drain(engine, 0)
            print(f"warm-up: {args.warmup_send} s at {rate}/s, kernel drops {warm[2]}, queue drops {warm[3]} (not counted)", flush=True)
        print(f"{'s':>5} {'sent':>9} {'decoded':>9} {'kdrop':>5} {'qdrop':>5} {'rss MB':>6} {'heap MB':>7} {'gc ms':>6} {'gen2':>4} {'thr':>3} {'fds':>4} {'cpu%':>4} {'p99 ms':>6}", flush=True)
        before = harness.counts(engine.analyzer())
        fwd0 = harness.forwarded(engine)
        rows = []
        start = time.time()
        cpu0 = sum(harness.proc_cpu_split(engine.pid))
        sender = harness.Sender(pool, engine.sflow_port, rate, args.duration)
        poller.take()

        def sample(seconds, sent):
            nonlocal cpu0
            analyzer = engine.analyzer()
            now = harness.counts(analyzer)
            received, decoded, kernel, queue = (a - b for a, b in zip(now, before))
            fwd = harness.forwarded(engine)
            cpu = sum(harness.proc_cpu_split(engine.pid))
            latencies = [v for values in poller.take().values() for v in values]
            row = {"seconds": round(seconds), "sent": sent, "received": received, "decoded": decoded, "kernel_drops": kernel, "queue_drops": queue,
                   "forwarded": fwd[0] - fwd0[0], "forward_drops": fwd[1] - fwd0[1], "rss_mb": round(harness.proc_rss_mb(engine.pid), 1),
                   "gc_heap_mb": round(analyzer["heapUsed"] / 2**20, 1), "gc_pause_ms": analyzer["gcTime"], "gc_count": analyzer["gcCount"],
                   "gc_gen2": analyzer.get("gcGen2Count", -1), "threads": harness.proc_threads(engine.pid), "fds": harness.proc_fds(engine.pid),
                   "cpu_pct": round((cpu - cpu0) / args.interval * 100), "rest_p99_ms": round(harness.p99(latencies), 1) if latencies else "",
                   "rest_failures": poller.failures}
            cpu0 = cpu
            rows.append(row)
            writer.writerow(row.values())
            out.flush()
            print(f"{row['seconds']:>5} {sent:>9} {decoded:>9} {kernel:>5} {queue:>5} {row['rss_mb']:>6.0f} {row['gc_heap_mb']:>7.0f} {row['gc_pause_ms']:>6} "
                  f"{row['gc_gen2']:>4} {row['threads']:>3} {row['fds']:>4} {row['cpu_pct']:>4} {row['rest_p99_ms']:>6}", flush=True)

        next_sample = start + args.interval
        while sender.process.poll() is None:
            time.sleep(max(0.0, min(1.0, next_sample - time.time())))
            if time.time() >= next_sample:
                sample(next_sample - start, sender.sent)
                next_sample += args.interval
        sent = sender.wait()
        time.sleep(3)  # let the queues drain and the forwarders finish
        sample(time.time() - start, sent)
        poller.stop()

        last = rows[-1]
        samples = [r for r in rows if r["seconds"] >= args.warmup] or rows
        if last["decoded"] != sent or last["kernel_drops"] or last["queue_drops"] or last["forward_drops"]:
            failures.append(f"loss: sent {sent}, decoded {last['decoded']}, kernel drops {last['kernel_drops']}, queue drops {last['queue_drops']}, "
                            f"forwarding drops {last['forward_drops']}")
        rss = [r["rss_mb"] for r in samples]
        rss_growth = sum(rss[-3:]) / len(rss[-3:]) - sum(rss[:3]) / len(rss[:3])
        if rss_growth > args.rss_tolerance:
            failures.append(f"RSS grew {rss_growth:.1f} MB > {args.rss_tolerance} MB")
        pauses = [b["gc_pause_ms"] - a["gc_pause_ms"] for a, b in zip(samples, samples[1:])]
        third = max(1, len(pauses) // 3)
        first_gc, last_gc = sum(pauses[:third]) / third, sum(pauses[-third:]) / third
        if pauses and last_gc > 2 * first_gc + args.gc_tolerance:
            failures.append(f"GC pauses grew from {first_gc:.1f} to {last_gc:.1f} ms per interval")
        threads, fds = [r["threads"] for r in samples], [r["fds"] for r in samples]
        if threads[-1] - threads[0] > args.threads_tolerance:
            failures.append(f"threads grew from {threads[0]} to {threads[-1]}")
        if fds[-1] - fds[0] > args.fds_tolerance:
            failures.append(f"fds grew from {fds[0]} to {fds[-1]}")
        if last["rest_failures"]:
            failures.append(f"{last['rest_failures']} REST requests failed")
        scraped = prometheus.query("sum(scrape_samples_scraped)")
        rest = [r["rest_p99_ms"] for r in rows if r["rest_p99_ms"] != ""]

        print(f"\nsummary ({len(rows)} samples, growth checks from {samples[0]['seconds']} s):")
        print(f"  datagrams: sent {sent}, decoded {last['decoded']}, kernel drops {last['kernel_drops']}, queue drops {last['queue_drops']}, "
              f"total loss {sent - last['decoded']}; forwarded {last['forwarded']} (drops {last['forward_drops']})")
        print(f"  RSS MB: first {rss[0]}, last {rss[-1]}, max {max(rss)}, growth {rss_growth:+.1f}, slope {slope_per_hour([(r['seconds'], r['rss_mb']) for r in samples]):+.1f} MB/h")
        print(f"  GC: pause total {last['gc_pause_ms']} ms, {last['gc_count']} collections, {last['gc_gen2']} gen 2; "
              f"pause per {args.interval} s first third {first_gc:.1f} ms, last third {last_gc:.1f} ms, max {max(pauses) if pauses else 0} ms")
        print(f"  threads: min {min(threads)}, max {max(threads)}, first {threads[0]}, last {threads[-1]}")
        print(f"  fds: min {min(fds)}, max {max(fds)}, first {fds[0]}, last {fds[-1]}")
        print(f"  REST (UI poller, {len(UI_URLS)} URLs/s): p99 per interval median {sorted(rest)[len(rest) // 2] if rest else 'n/a'} ms, "
              f"max {max(rest) if rest else 'n/a'} ms, failures {last['rest_failures']}")
        print(f"  prometheus: samples per scrape (all jobs) {scraped[0]['value'][1] if scraped else 'none'}")
        out.close()
    finally:
        for part in (poller, sender):
            if part is not None:
                part.stop()
        if prometheus is not None:
            prometheus.stop()
        engine.stop()
        for line in sinks.stop():
            print(line)
    harness.finish(failures)


if __name__ == "__main__":
    main()
