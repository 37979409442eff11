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
import hashlib
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.environ.get("SLUICE_SHARED", os.path.join(REPO, "..", "shared"))
WORK = os.environ.get("WORK", os.path.join(tempfile.gettempdir(), "sluice-load"))


def free_port(kind):
    s = socket.socket(socket.AF_INET, kind)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def get(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.read()


def proc_cpu_split(pid):
    """User and system CPU seconds of the process so far."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return int(fields[11]) / tick, int(fields[12]) / tick


def proc_rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def proc_threads(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("Threads:"):
            return int(line.split()[1])
    return 0


def latency_sampler(base, urls, stop, samples):
    while not stop.is_set():
        for url in urls:
            start = time.perf_counter()
            try:
                get(base + url)
                samples.setdefault(url, []).append((time.perf_counter() - start) * 1000)
            except Exception:  # a timeout under overload is itself a result
                samples.setdefault(url, []).append(float("inf"))
        time.sleep(0.05)


def p99(values):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


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
    os.makedirs(WORK, exist_ok=True)

    gen = os.path.join(WORK, "sflowgen")
    if not os.path.exists(gen):
        subprocess.run(["gcc", "-O2", "-Wall", "-o", gen, os.path.join(SHARED, "tools", "sflowgen.c")], check=True)
    pool_options = args.pool_args.split()
    tag = hashlib.sha1(" ".join([str(args.pool)] + pool_options).encode()).hexdigest()[:8] if pool_options else str(args.pool)
    pool = os.path.join(WORK, f"pool-{tag}.pcap")
    if not os.path.exists(pool):
        subprocess.run([sys.executable, os.path.join(SHARED, "tools", "sflowgen.py"), "pcap", "-o", pool, "-n", str(args.pool), "--seed", "1"]
                       + pool_options, check=True, stdout=subprocess.DEVNULL)
    out = os.path.join(WORK, "sluice")
    subprocess.run(["dotnet", "build", os.path.join(REPO, "src", "Sluice", "Sluice.csproj"), "-c", "Release", "-o", out, "-nologo", "-v", "quiet"],
                   check=True, stdout=subprocess.DEVNULL)
    try:
        # The kernel caps the socket buffer at net.core.rmem_max; raise it when we may (root).
        subprocess.run(["sysctl", "-q", "-w", f"net.core.rmem_max={args.buffer}"], check=False, stderr=subprocess.DEVNULL)
    except FileNotFoundError:
        pass

    sinks = []
    if args.forward and args.forward_to:
        sinks = [(6343 + i, None) for i in range(args.forward)]
        args.extra.append("-Dforwarding.maxrate=100000000")
    elif args.forward:
        sink = os.path.join(WORK, "udpsink")
        if not os.path.exists(sink):
            subprocess.run(["gcc", "-O2", "-Wall", "-o", sink, os.path.join(SHARED, "tools", "udpsink.c")], check=True)
        for _ in range(args.forward):
            port = free_port(socket.SOCK_DGRAM)
            sinks.append((port, subprocess.Popen([sink, "-b", "127.0.0.1", "-p", str(port), "-r", str(args.buffer), "-t", "3600", "-i", "3600"],
                                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)))
        # The cap exists against amplification; here every datagram should be forwarded, so lift it.
        args.extra.append("-Dforwarding.maxrate=100000000")

    http_port, sflow_port = free_port(socket.SOCK_STREAM), free_port(socket.SOCK_DGRAM)
    base = f"http://127.0.0.1:{http_port}"
    engine = subprocess.Popen(["dotnet", os.path.join(out, "sluice.dll"), "serve",
                               f"-Dhttp.hostname=127.0.0.1", f"-Dhttp.port={http_port}",
                               f"-Dsflow.hostname=127.0.0.1", f"-Dsflow.port={sflow_port}",
                               f"-Dsflow.rcvpktsbuffer={args.buffer}"] + args.extra,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while True:
            try:
                get(base + "/version")
                break
            except Exception:
                if time.time() > deadline or engine.poll() is not None:
                    raise SystemExit("sluice serve did not start")
                time.sleep(0.2)

        if args.flows:
            with open(args.flows) as f:
                for name, definition in json.load(f).items():
                    request = urllib.request.Request(f"{base}/flow/{name}/json", data=json.dumps(definition).encode(), method="PUT",
                                                     headers={"Content-Type": "application/json"})
                    urllib.request.urlopen(request, timeout=10).read()
            print(f"flow definitions: {len(json.loads(get(base + '/flow/json')))}")

        for i, (port, _) in enumerate(sinks):
            body = json.dumps({"address": args.forward_to or "127.0.0.1", "port": port}).encode()
            request = urllib.request.Request(f"{base}/forwarding/Session{chr(65 + i)}/json", data=body, method="PUT",
                                             headers={"Content-Type": "application/json"})
            urllib.request.urlopen(request, timeout=10).close()

        def forwarded():
            sessions = json.loads(get(base + "/forwarding/json")).values()
            return (sum(s["datagramsForwarded"] for s in sessions),
                    sum(s["datagramsDropped"] + s["datagramsRateLimited"] + s["sendErrors"] for s in sessions))

        fwd_columns = f" {'fwd':>9} {'fwddrop':>7}" if sinks else ""
        print(f"{'rate/s':>8} {'sent':>9} {'received':>9} {'kernel':>7} {'queue':>6} {'lossless':>8} {'cpu%':>6} {'usr us':>6} {'sys us':>6} {'rss MB':>7} {'threads':>7}{fwd_columns}  p99 ms " + " ".join(args.urls.split(",")))
        best = 0
        for rate in [int(r) for r in args.rates.split(",")]:
            before = json.loads(get(base + "/analyzer/json"))
            fwd0 = forwarded() if sinks else (0, 0)
            (usr0, sys0), t0 = proc_cpu_split(engine.pid), time.time()
            stop, samples = threading.Event(), {}
            sampler = threading.Thread(target=latency_sampler, args=(base, args.urls.split(","), stop, samples))
            sampler.start()
            result = subprocess.run([gen, "-r", pool, "-d", "127.0.0.1", "-p", str(sflow_port), "-R", str(rate),
                                     "-n", str(rate * args.seconds), "-t", str(args.seconds + 5), "-q"],
                                    capture_output=True, text=True, check=True)
            sent = int(re.search(r"sent (\d+) datagrams", result.stdout + result.stderr).group(1))
            time.sleep(1.5)  # let the queues drain
            stop.set()
            sampler.join()
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
            if sinks:
                fwd1 = forwarded()
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
        engine.terminate()
        try:
            engine.wait(10)
        except subprocess.TimeoutExpired:
            engine.kill()
        for port, process in sinks:
            if process is None:
                continue
            process.terminate()
            output, _ = process.communicate(timeout=10)
            lines = output.strip().splitlines()
            print(f"udpsink :{port}: {lines[-1] if lines else '(no output)'}")


if __name__ == "__main__":
    main()
