#!/usr/bin/env python3
"""End-to-end load benchmark: drives `sluice serve` over loopback with the shared sflowgen replayer at rising rates
and reports, per rate, what arrived, what was dropped (kernel and queue), CPU, RSS and REST latency.

Usage: bench/load/loadtest.py [--rates 25000,50000,...] [--seconds 10] [--urls /analyzer/json,...]
                              [--flows bench/load/ten-flows.json] [--forward 3] [--pool-args "--flows 1000000 ..."] [--top NAME]
--flows PUTs flow definitions (a JSON object name -> definition) before the first rate; --pool-args passes options
to sflowgen.py when the pool is built (each distinct set gets its own pool); --top prints the largest flows of one
definition after the last rate, to check that the real top flows survive a flood.
Needs: gcc, python3, the .NET SDK; ../shared/tools beside the repository (or SLUICE_SHARED). Loopback only.
--forward N adds N forwarding sessions (SessionA, SessionB, ...) to the shared udpsink on 127.0.0.1, so the cost of
forwarding shows as the difference from a run without it; the fwd columns are what the sessions sent and dropped.
--forward-to ADDR sends the sessions to ADDR (ports 6343, 6344, ...) with no receiver started: run inside a network
namespace whose ADDR is routed to a dummy interface (bench/load/netns-dummy.sh) to measure what forwarding costs
the engine without loopback charging the receivers' work to the sender.
"""
import argparse
import json
import time

import harness
from harness import get, p99, proc_cpu_split, proc_rss_mb, proc_threads


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rates", default="25000,50000,100000,150000,200000,250000,300000")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--urls", default="/analyzer/json,/agents/json,/prometheus/analyzer/txt")
    parser.add_argument("--pool", type=int, default=20000, help="datagrams in the generator pool")
    parser.add_argument("--buffer", type=int, default=32 * 1024 * 1024, help="sflow.rcvpktsbuffer")
    parser.add_argument("--flows", help="JSON file: flow definitions to PUT before measuring")
    parser.add_argument("--pool-args", default="", help="extra sflowgen.py options for the pool")
    parser.add_argument("--top", help="print /activeflows/ALL/<name>/json after the last rate")
    parser.add_argument("--forward-to", help="forward to this address (no udpsink started)")
    parser.add_argument("--forward", type=int, default=0, help="forwarding sessions to udpsink receivers on 127.0.0.1")
    parser.add_argument("extra", nargs="*", help="more -Dname=value properties for sluice serve")
    args = parser.parse_args()
    pool = harness.build_pool(args.pool, args.pool_args.split())
    dll = harness.build_sluice()
    harness.raise_rmem_max(args.buffer)

    sinks, ports = None, []
    if args.forward and args.forward_to:
        ports = [6343 + i for i in range(args.forward)]
        args.extra.append("-Dforwarding.maxrate=100000000")
    elif args.forward:
        sinks = harness.Sinks(args.forward, args.buffer)
        ports = sinks.ports
        # The cap exists against amplification; here every datagram should be forwarded, so lift it.
        args.extra.append("-Dforwarding.maxrate=100000000")

    engine = harness.Engine(dll, args.buffer, args.extra)
    base, sflow_port = engine.base, engine.sflow_port
    try:
        if args.flows:
            engine.put_flows(args.flows)
            print(f"flow definitions: {len(json.loads(get(base + '/flow/json')))}")

        for i, port in enumerate(ports):
            harness.put_json(f"{base}/forwarding/Session{chr(65 + i)}/json", {"address": args.forward_to or "127.0.0.1", "port": port})

        fwd_columns = f" {'fwd':>9} {'fwddrop':>7}" if ports else ""
        print(f"{'rate/s':>8} {'sent':>9} {'received':>9} {'kernel':>7} {'queue':>6} {'lossless':>8} {'cpu%':>6} {'usr us':>6} {'sys us':>6} {'rss MB':>7} {'threads':>7}{fwd_columns}  p99 ms " + " ".join(args.urls.split(",")))
        best = 0
        for rate in [int(r) for r in args.rates.split(",")]:
            before = json.loads(get(base + "/analyzer/json"))
            fwd0 = harness.forwarded(engine) if ports else (0, 0)
            (usr0, sys0), t0 = proc_cpu_split(engine.pid), time.time()
            poller = harness.Poller(base, args.urls.split(","), 0.05)
            sent = harness.send(pool, sflow_port, rate, args.seconds)
            time.sleep(1.5)  # let the queues drain
            poller.stop()
            samples = poller.take()
            after = json.loads(get(base + "/analyzer/json"))
            usr1, sys1 = proc_cpu_split(engine.pid)
            cpu = (usr1 + sys1 - usr0 - sys0) / (time.time() - t0) * 100
            received = after["sFlowDatagramsReceived"] - before["sFlowDatagramsReceived"]
            kernel = after["sFlowKernelDrops"] - before["sFlowKernelDrops"]
            queue = after["sFlowQueueDrops"] - before["sFlowQueueDrops"]
            lossless = received >= sent and kernel == 0 and queue == 0
            if lossless:
                best = max(best, rate)
            lat = " ".join(f"{p99(samples.get(u, [])):.1f}" for u in args.urls.split(","))
            fwd = ""
            if ports:
                fwd1 = harness.forwarded(engine)
                fwd = f" {fwd1[0] - fwd0[0]:>9} {fwd1[1] - fwd0[1]:>7}"
            # CPU microseconds per decoded datagram (received less queue drops), user and kernel: forwarding's cost
            # is mostly the kernel's, sending each copy.
            decoded = max(received - queue, 1)
            usr_us = (usr1 - usr0) / decoded * 1e6
            sys_us = (sys1 - sys0) / decoded * 1e6
            print(f"{rate:>8} {sent:>9} {received:>9} {kernel:>7} {queue:>6} {str(lossless):>8} {cpu:>6.0f} {usr_us:>6.2f} {sys_us:>6.2f} {proc_rss_mb(engine.pid):>7.0f} {proc_threads(engine.pid):>7}{fwd}  {lat}", flush=True)
        print(f"highest lossless rate: {best} datagrams/s")
        if args.top:
            for flow in json.loads(get(f"{base}/activeflows/ALL/{args.top}/json?maxFlows=5")):
                print(f"top {args.top}: {flow['key']} {flow['value']:.0f}")
    finally:
        engine.stop()
        if sinks is not None:
            for line in sinks.stop():
                print(line)


if __name__ == "__main__":
    main()
