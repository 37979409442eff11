"""Shared pieces of the load scripts (loadtest.py, soak.py, overload.py): building the shared generator, sink and a
Release `sluice serve`, starting them on loopback, REST helpers and /proc readings. Loopback only."""
import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.environ.get("SLUICE_SHARED", os.path.join(REPO, "..", "shared"))
WORK = os.environ.get("WORK", os.path.join(tempfile.gettempdir(), "sluice-load"))


def add_setup_arguments(parser):
    """The options soak.py and overload.py share: the lossless rate (given or found) and the engine's setup."""
    parser.add_argument("--lossless", type=int, help="the measured lossless rate, datagrams/s")
    parser.add_argument("--find", help="comma-separated rising rates: measure the lossless rate first with this setup")
    parser.add_argument("--find-seconds", type=int, default=10)
    parser.add_argument("--flows", default=os.path.join(os.path.dirname(__file__), "twenty-flows.json"))
    parser.add_argument("--pool", type=int, default=20000, help="datagrams in the generator pool")
    parser.add_argument("--buffer", type=int, default=32 * 1024 * 1024, help="sflow.rcvpktsbuffer")


def parse_setup_arguments(parser):
    """Adds the trailing -Dname=value properties, parses, and insists on a lossless rate given or to be found."""
    parser.add_argument("extra", nargs="*", help="more -Dname=value properties for sluice serve")
    args = parser.parse_args()
    if not args.lossless and not args.find:
        parser.error("give --lossless RATE or --find RATES")
    return args


def find_lossless_if_asked(args, engine, pool):
    """With --find, measures the lossless rate on this engine and stores it in args.lossless."""
    if not args.find:
        return
    args.lossless = find_lossless(engine, pool, [int(r) for r in args.find.split(",")], args.find_seconds)
    print(f"highest lossless rate: {args.lossless} datagrams/s", flush=True)
    if not args.lossless:
        raise SystemExit("no lossless rate found")


def free_port(kind):
    s = socket.socket(socket.AF_INET, kind)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def get(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.read()


def get_json(url, timeout=10):
    return json.loads(get(url, timeout))


def put_json(url, body, timeout=10):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="PUT", headers={"Content-Type": "application/json"})
    try:
        urllib.request.urlopen(request, timeout=timeout).close()
    except urllib.error.HTTPError as e:
        raise SystemExit(f"PUT {url} {json.dumps(body)}: {e.code} {e.read().decode(errors='replace')}") from e


def proc_status(pid, field):
    """A numeric field of /proc/PID/status (VmRSS in kB, Threads)."""
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def proc_rss_mb(pid):
    return proc_status(pid, "VmRSS") / 1024


def proc_threads(pid):
    return proc_status(pid, "Threads")


def proc_fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def proc_cpu_split(pid):
    """User and system CPU seconds of the process so far."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return int(fields[11]) / tick, int(fields[12]) / tick


def p99(values):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def build_tool(name):
    """Compiles one of the shared C tools (sflowgen, udpsink) into WORK once."""
    os.makedirs(WORK, exist_ok=True)
    path = os.path.join(WORK, name)
    if not os.path.exists(path):
        subprocess.run(["gcc", "-O2", "-Wall", "-o", path, os.path.join(SHARED, "tools", name + ".c")], check=True)
    return path


def build_pool(size, options=()):
    """A pcap pool of `size` datagrams from sflowgen.py; each distinct set of options gets its own file."""
    options = list(options)
    tag = hashlib.sha1(" ".join([str(size)] + options).encode()).hexdigest()[:8] if options else str(size)
    pool = os.path.join(WORK, f"pool-{tag}.pcap")
    if not os.path.exists(pool):
        subprocess.run([sys.executable, os.path.join(SHARED, "tools", "sflowgen.py"), "pcap", "-o", pool, "-n", str(size), "--seed", "1"]
                       + options, check=True, stdout=subprocess.DEVNULL)
    return pool


def build_sluice():
    out = os.path.join(WORK, "sluice")
    subprocess.run(["dotnet", "build", os.path.join(REPO, "src", "Sluice", "Sluice.csproj"), "-c", "Release", "-o", out, "-nologo", "-v", "quiet"],
                   check=True, stdout=subprocess.DEVNULL)
    return os.path.join(out, "sluice.dll")


def raise_rmem_max(buffer):
    # The kernel caps the socket buffer at net.core.rmem_max; raise it when we may (root).
    try:
        subprocess.run(["sysctl", "-q", "-w", f"net.core.rmem_max={buffer}"], check=False, stderr=subprocess.DEVNULL)
    except FileNotFoundError:
        pass


def terminate(process):
    """Stops a child process politely, then firmly after 10 s."""
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()


def finish(failures):
    """Prints the failed checks and PASS or FAIL, and exits 1 on any failure."""
    for failure in failures:
        print(f"FAIL: {failure}")
    print("PASS" if not failures else "FAIL")
    sys.exit(1 if failures else 0)


class Engine:
    """
    `sluice serve` as a child process on free loopback ports, in a scratch folder of its own: the flows a benchmark
    defines are persisted under the working folder's store/, and must not leak into the repository's, where a later
    `sluice serve` would load them. The folder goes when the engine stops.
    """

    def __init__(self, dll, buffer, extra=()):
        self.folder = tempfile.mkdtemp(prefix="sluice-load-engine-")
        self.http_port, self.sflow_port = free_port(socket.SOCK_STREAM), free_port(socket.SOCK_DGRAM)
        self.base = f"http://127.0.0.1:{self.http_port}"
        self.process = subprocess.Popen(["dotnet", dll, "serve",
                                         "-Dhttp.hostname=127.0.0.1", f"-Dhttp.port={self.http_port}",
                                         "-Dsflow.hostname=127.0.0.1", f"-Dsflow.port={self.sflow_port}",
                                         f"-Dsflow.rcvpktsbuffer={buffer}"] + list(extra),
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=self.folder)
        self.pid = self.process.pid
        deadline = time.time() + 60
        while True:
            try:
                get(self.base + "/version")
                return
            except Exception:
                if time.time() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise SystemExit("sluice serve did not start")
                time.sleep(0.2)

    def analyzer(self):
        return get_json(self.base + "/analyzer/json")

    def put_flows(self, path):
        with open(path) as f:
            definitions = json.load(f)
        for name, definition in definitions.items():
            put_json(f"{self.base}/flow/{name}/json", definition)
        return list(definitions)

    def stop(self):
        terminate(self.process)
        shutil.rmtree(self.folder, ignore_errors=True)


def counts(analyzer):
    """(received, decoded, kernel drops, queue drops) from /analyzer/json: received counts queue drops too."""
    received, queue = analyzer["sFlowDatagramsReceived"], analyzer["sFlowQueueDrops"]
    return received, received - queue, analyzer["sFlowKernelDrops"], queue


class Sinks:
    """udpsink receivers on 127.0.0.1, the targets of forwarding sessions."""

    def __init__(self, count, buffer):
        sink = build_tool("udpsink")
        self.ports, self.processes = [], []
        for _ in range(count):
            port = free_port(socket.SOCK_DGRAM)
            self.ports.append(port)
            self.processes.append(subprocess.Popen([sink, "-b", "127.0.0.1", "-p", str(port), "-r", str(buffer), "-t", "3600", "-i", "3600"],
                                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))

    def add_sessions(self, engine, address="127.0.0.1"):
        for i, port in enumerate(self.ports):
            put_json(f"{engine.base}/forwarding/Session{chr(65 + i)}/json", {"address": address, "port": port})

    def stop(self):
        """Stops the sinks and returns each one's last output line (its totals)."""
        lines = []
        for port, process in zip(self.ports, self.processes):
            process.terminate()
            output, _ = process.communicate(timeout=10)
            last = output.strip().splitlines()
            lines.append(f"udpsink :{port}: {last[-1] if last else '(no output)'}")
        return lines


def forwarded(engine):
    sessions = get_json(engine.base + "/forwarding/json").values()
    return (sum(s["datagramsForwarded"] for s in sessions),
            sum(s["datagramsDropped"] + s["datagramsRateLimited"] + s["sendErrors"] for s in sessions))


def send(pool, port, rate, seconds):
    """Sends at `rate` datagrams/s for `seconds` and returns how many were sent."""
    result = subprocess.run([build_tool("sflowgen"), "-r", pool, "-d", "127.0.0.1", "-p", str(port), "-R", str(rate),
                             "-n", str(rate * seconds), "-t", str(seconds + 5), "-q"], capture_output=True, text=True, check=True)
    return int(re.search(r"sent (\d+) datagrams", result.stdout + result.stderr).group(1))


class Sender:
    """The generator running in the background; `sent` follows its once-a-second progress lines."""

    def __init__(self, pool, port, rate, seconds):
        self.sent = 0
        self.process = subprocess.Popen([build_tool("sflowgen"), "-r", pool, "-d", "127.0.0.1", "-p", str(port), "-R", str(rate),
                                         "-n", str(rate * seconds), "-t", str(seconds + 5)],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self._reader = threading.Thread(target=self._progress, daemon=True)
        self._reader.start()

    def _progress(self):
        for line in self.process.stderr:
            match = re.search(r"(\d+) sent", line)
            if match:
                self.sent = int(match.group(1))

    def wait(self):
        """Waits for the end and returns the exact total from the final line."""
        output = self.process.stdout.read()
        self.process.wait()
        self._reader.join()
        self.sent = int(re.search(r"sent (\d+) datagrams", output).group(1))
        return self.sent

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait()


class Poller:
    """Polls REST URLs in a loop on its own thread, recording each request's latency (ms) and failures."""

    def __init__(self, base, urls, period):
        self.base, self.urls, self.period = base, urls, period
        self.samples, self.failures = {}, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            started = time.time()
            for url in self.urls:
                begin = time.perf_counter()
                try:
                    get(self.base + url)
                    self.samples.setdefault(url, []).append((time.perf_counter() - begin) * 1000)
                except Exception:  # a timeout or error under load is itself a result
                    self.failures += 1
                    self.samples.setdefault(url, []).append(float("inf"))
            self._stop.wait(max(0.0, self.period - (time.time() - started)))

    def take(self):
        """Returns and clears the samples so far."""
        samples, self.samples = self.samples, {}
        return samples

    def stop(self):
        self._stop.set()
        self._thread.join()


def drain(engine, expected, timeout=20.0):
    """Waits (bounded) until the engine has accounted for `expected` more datagrams than at `before`, or its queue is
    empty and the counts stop moving; returns the final /analyzer/json counts."""
    deadline = time.time() + timeout
    last = None
    while True:
        analyzer = engine.analyzer()
        now = counts(analyzer)
        received, _, kernel, _ = now
        if received + kernel >= expected and analyzer["sFlowQueued"] == 0:
            return now
        if (now == last and analyzer["sFlowQueued"] == 0) or time.time() > deadline:
            return now
        last = now
        time.sleep(0.5)


def find_lossless(engine, pool, rates, seconds, warmup=5):
    """Runs each rate in turn and returns the highest one with no kernel or queue drop and everything decoded.
    A short run at the first rate warms the engine up first (JIT tiering, flow tables), uncounted."""
    send(pool, engine.sflow_port, rates[0], warmup)
    drain(engine, 0)
    best = 0
    for rate in rates:
        before = counts(engine.analyzer())
        sent = send(pool, engine.sflow_port, rate, seconds)
        after = drain(engine, before[0] + before[2] + sent)
        received, decoded, kernel, queue = (a - b for a, b in zip(after, before))
        lossless = decoded >= sent and kernel == 0 and queue == 0
        print(f"  rate {rate:>7}/s: sent {sent}, decoded {decoded}, kernel drops {kernel}, queue drops {queue}: "
              f"{'lossless' if lossless else 'LOSS'}", flush=True)
        if not lossless:
            break
        best = rate
    return best
