#!/usr/bin/env python3
"""Overload: `sluice serve` at several times its lossless rate drops at the socket or the queue, counts every drop,
keeps answering REST, and recovers fully when the load falls.

Usage: bench/load/overload.py --lossless RATE [--factor 3] [--seconds 30] [--recovery 0.5] [--recovery-seconds 30]
       bench/load/overload.py --find 5000,10000,20000,... [--find-seconds 10] [...]   (measure the lossless rate first)

Phases, each with a REST poller GETting /analyzer/json and /activeflows/ALL/<flow>/json five times a second:
  1. baseline: --recovery x RATE for --recovery-seconds; p99 latency at normal load;
  2. overload: --factor x RATE for --seconds; the drops (kernel + queue) must equal sent - decoded exactly, and be > 0;
  3. recovery: --recovery x RATE for --recovery-seconds; no new drop, everything decoded, p99 latency back to
     within 2x the baseline + 20 ms.
The engine has the flow definitions of --flows (default twenty-flows.json). Exit code 1 if any check fails.
Needs gcc, python3, the .NET SDK and ../shared/tools (or SLUICE_SHARED). Loopback only.
"""
import argparse

import harness

POLLED_FLOWS = ("pairs", "five-tuple")


def phase(engine, pool, name, rate, seconds, urls):
    """Sends `rate` for `seconds` while polling `urls`; returns the counts' deltas and the p99 latency per URL."""
    before = harness.counts(engine.analyzer())
    poller = harness.Poller(engine.base, urls, 0.2)
    sent = harness.send(pool, engine.sflow_port, rate, seconds)
    after = harness.drain(engine, before[0] + before[2] + sent, timeout=60)
    poller.stop()
    received, decoded, kernel, queue = (a - b for a, b in zip(after, before))
    samples = poller.take()
    latency = {url: harness.p99(values) for url, values in samples.items()}
    requests = sum(len(v) for v in samples.values())
    print(f"{name:>9}: {rate:>7}/s x {seconds} s: sent {sent}, decoded {decoded}, kernel drops {kernel}, queue drops {queue}, "
          f"unaccounted {sent - decoded - kernel - queue}; {requests} REST requests, {poller.failures} failed, p99 ms "
          + ", ".join(f"{url.split('?')[0]} {ms:.1f}" for url, ms in latency.items()), flush=True)
    return {"sent": sent, "decoded": decoded, "kernel": kernel, "queue": queue, "latency": latency, "failures": poller.failures}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    harness.add_setup_arguments(parser)
    parser.add_argument("--factor", type=float, default=3.0, help="overload rate as a multiple of --lossless")
    parser.add_argument("--seconds", type=int, default=30, help="overload duration")
    parser.add_argument("--recovery", type=float, default=0.5, help="baseline and recovery rate as a fraction of --lossless")
    parser.add_argument("--recovery-seconds", type=int, default=30)
    args = harness.parse_setup_arguments(parser)

    pool = harness.build_pool(args.pool)
    dll = harness.build_sluice()
    harness.raise_rmem_max(args.buffer)
    engine = harness.Engine(dll, args.buffer, args.extra)
    failures = []
    try:
        flows = engine.put_flows(args.flows)
        harness.find_lossless_if_asked(args, engine, pool)
        urls = ["/analyzer/json"] + [f"/activeflows/ALL/{name}/json?maxFlows=20" for name in POLLED_FLOWS if name in flows]
        low, high = int(args.lossless * args.recovery), int(args.lossless * args.factor)

        baseline = phase(engine, pool, "baseline", low, args.recovery_seconds, urls)
        overload = phase(engine, pool, "overload", high, args.seconds, urls)
        recovery = phase(engine, pool, "recovery", low, args.recovery_seconds, urls)

        for name, result in (("baseline", baseline), ("recovery", recovery)):
            if result["decoded"] != result["sent"] or result["kernel"] or result["queue"]:
                failures.append(f"{name} lost datagrams: sent {result['sent']}, decoded {result['decoded']}")
        dropped = overload["kernel"] + overload["queue"]
        if dropped == 0:
            failures.append(f"no drop at {args.factor:g} x the lossless rate: not an overload")
        if overload["sent"] - overload["decoded"] != dropped:
            failures.append(f"drops not all counted: sent - decoded = {overload['sent'] - overload['decoded']}, counted {dropped}")
        for name, result in (("baseline", baseline), ("overload", overload), ("recovery", recovery)):
            if result["failures"]:
                failures.append(f"{result['failures']} REST requests failed during {name}")
        for url, normal in baseline["latency"].items():
            after = recovery["latency"].get(url, float("inf"))
            if after > 2 * normal + 20:
                failures.append(f"{url} p99 {after:.1f} ms after recovery vs {normal:.1f} ms at baseline")
        print(f"\nsummary: lossless {args.lossless}/s; overload {high}/s dropped {dropped} of {overload['sent']} "
              f"({dropped / max(overload['sent'], 1):.0%}: kernel {overload['kernel']}, queue {overload['queue']}), every drop counted: "
              f"{overload['sent'] - overload['decoded'] == dropped}; recovery {low}/s lost {recovery['sent'] - recovery['decoded']}")
        for url in urls:
            print(f"  p99 {url.split('?')[0]}: baseline {baseline['latency'][url]:.1f} ms, overload {overload['latency'][url]:.1f} ms, "
                  f"recovery {recovery['latency'][url]:.1f} ms")
    finally:
        engine.stop()
    harness.finish(failures)


if __name__ == "__main__":
    main()
