#!/usr/bin/env python3
"""Memory of an idle session worker: RSS and PSS of the worker JVM after a few lesson cells, then idle.

Usage: python3 bench/sandbox/idle_memory.py [ROUNDS] [IDLE_SECONDS] [VARIANT ...]
       python3 bench/sandbox/idle_memory.py --class [SESSIONS] [IDLE_SECONDS]   (a class's workers at once)
       (after ./otplab build; JDK 25 in JAVA_HOME)

Each round starts one worker per variant (interleaved, so load hits them alike) with the worker's
own command line (`WorkerMain --socket`, the AOT cache, the flags of WorkerImage.javaCommand:
"before" is the worker before issue 15, "today" adds -XX:TrimNativeHeapInterval, as workers do now),
runs the runnable cells of lessons/02-genserver.md through the real control protocol (EVAL frames,
as a session does), lets it idle for IDLE_SECONDS and reads /proc/PID/smaps_rollup. The workers of
a round stay alive together, so PSS shares the AOT cache's and the JDK's mapped pages among them as
it would among a class's sessions ("private" is what each worker alone holds: the memory one more
session costs). Also prints how long the first cell took against the second
(a fresh JShell's first evaluation). Without the sandbox: bwrap and its reaper add ~2 MB RSS per
worker, measured apart (see docs/PERFORMANCE.md).
"""
import glob, os, re, socket, statistics, struct, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORKER = os.path.join(ROOT, "target", "worker")
JAVA_HOME = os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")
SCRATCH = os.path.join(ROOT, "target", "bench-idle-memory")
CP = ":".join([glob.glob(WORKER + "/*-worker.jar")[0]] + sorted(glob.glob(WORKER + "/lib/*.jar")))
JIT = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData"]
LOCKDOWN = ["-XX:+DisableAttachMechanism", "-XX:-EnableDynamicAgentLoading"]
CACHE = ["-XX:AOTCache=" + WORKER + "/worker.aot", "-Xlog:aot=off,cds=off"]
BEFORE = ["-Xms16m", "-Xmx128m", "-XX:MaxMetaspaceSize=96m", "-XX:ReservedCodeCacheSize=32m",
          "-XX:MaxDirectMemorySize=16m", "-Xss512k", "-XX:CICompilerCount=1", "-XX:+UseCompressedOops"]
SHRINK = ["-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30"]
TRIM = ["-XX:TrimNativeHeapInterval=5000"]
VARIANTS = {
    "before": BEFORE,
    "xms4": [f if f != "-Xms16m" else "-Xms4m" for f in BEFORE],
    "shrink": BEFORE + SHRINK,
    "today": BEFORE + TRIM,
    "xms4+shrink+today": [f if f != "-Xms16m" else "-Xms4m" for f in BEFORE] + SHRINK + TRIM,
    "young8": BEFORE + ["-XX:MaxNewSize=8m"],
    "young8+today": BEFORE + ["-XX:MaxNewSize=8m"] + TRIM,
    "xss256k": [f if f != "-Xss512k" else "-Xss256k" for f in BEFORE],
    "no-aot": BEFORE,
    "today+no-relocation": BEFORE + TRIM + ["-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0"],
}
EVAL, RESULT, HELLO = 2, 4, 1


def cells():
    """The runnable cells of the GenServer lesson, in page order (hidden setup first)."""
    text = open(os.path.join(ROOT, "lessons", "02-genserver.md"), encoding="utf-8").read()
    found = re.findall(r"^```java([^\n]*)\n(.*?)^```", text, re.S | re.M)
    return [code for attrs, code in found if "no-run" not in attrs]


def frame(kind, ident, fields, data=b""):
    body = struct.pack(">BqI", kind, ident, len(fields))
    for field in fields:
        encoded = field.encode()
        body += struct.pack(">I", len(encoded)) + encoded
    body += struct.pack(">I", len(data)) + data
    return struct.pack(">I", len(body)) + body


def read_exact(conn, size):
    chunks = b""
    while len(chunks) < size:
        chunk = conn.recv(size - len(chunks))
        if not chunk:
            raise EOFError("the worker closed the channel")
        chunks += chunk
    return chunks


def read_frame(conn):
    (length,) = struct.unpack(">I", read_exact(conn, 4))
    body = read_exact(conn, length)
    kind, ident = struct.unpack(">Bq", body[:9])
    return kind, ident


class Worker:
    def __init__(self, name, flags):
        self.name = name
        path = os.path.join(SCRATCH, name.replace("+", "-") + ".sock")
        if os.path.exists(path):
            os.unlink(path)
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(path)
        listener.listen(1)
        command = [JAVA_HOME + "/bin/java"] + JIT + LOCKDOWN + ([] if name == "no-aot" else CACHE) + flags + [
            "-Djava.io.tmpdir=/tmp", "-cp", CP, "otplab.worker.WorkerMain", "--socket", path]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.conn, _ = listener.accept()
        listener.close()
        while read_frame(self.conn)[0] != HELLO:
            pass
        self.next_id = 1

    def run(self, code):
        began = time.perf_counter()
        self.conn.sendall(frame(EVAL, self.next_id, ["code", code]))
        while read_frame(self.conn) != (RESULT, self.next_id):
            pass
        self.next_id += 1
        return (time.perf_counter() - began) * 1000

    def memory_kb(self):
        figures = {}
        with open(f"/proc/{self.process.pid}/smaps_rollup") as rollup:
            for line in rollup:
                parts = line.split()
                if parts[0] in ("Rss:", "Pss:", "Private_Clean:", "Private_Dirty:"):
                    figures[parts[0][:-1]] = int(parts[1])
        figures["Private"] = figures["Private_Clean"] + figures["Private_Dirty"]
        return figures

    def close(self):
        self.process.kill()
        self.process.wait()
        self.conn.close()


def class_of(sessions, idle):
    """A class's worth of today's session workers alive together: total and per-session RSS and PSS."""
    workers = []
    began = time.perf_counter()
    for n in range(sessions):
        worker = Worker(f"class-{n}", VARIANTS["today"])
        for code in cells():
            worker.run(code)
        workers.append(worker)
    ready = time.perf_counter() - began
    time.sleep(idle)
    figures = [worker.memory_kb() for worker in workers]
    for worker in workers:
        worker.close()
    rss = sum(f["Rss"] for f in figures) / 1024
    pss = sum(f["Pss"] for f in figures) / 1024
    private = sum(f["Private"] for f in figures) / 1024
    print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print(f"{sessions} session workers (today's flags), each after the lesson's cells, then {idle:.0f} s idle;"
          f" started and run one after another in {ready:.0f} s")
    print(f"total RSS {rss:7.0f} MB  PSS {pss:7.0f} MB  private {private:7.0f} MB;"
          f"  per session RSS {rss / sessions:5.1f} MB  PSS {pss / sessions:5.1f} MB  private {private / sessions:5.1f} MB")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--class":
        os.makedirs(SCRATCH, exist_ok=True)
        class_of(int(sys.argv[2]) if len(sys.argv) > 2 else 40, float(sys.argv[3]) if len(sys.argv) > 3 else 20)
        return
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    idle = float(sys.argv[2]) if len(sys.argv) > 2 else 20
    chosen = sys.argv[3:] or list(VARIANTS)
    os.makedirs(SCRATCH, exist_ok=True)
    lesson = cells()
    rss = {name: [] for name in chosen}
    pss = {name: [] for name in chosen}
    private = {name: [] for name in chosen}
    first = {name: [] for name in chosen}
    second = {name: [] for name in chosen}
    for _ in range(rounds):
        workers = [Worker(name, VARIANTS[name]) for name in chosen]
        for worker in workers:
            times = [worker.run(code) for code in lesson]
            first[worker.name].append(times[0])
            second[worker.name].append(times[1])
        time.sleep(idle)
        for worker in workers:
            figures = worker.memory_kb()
            rss[worker.name].append(figures["Rss"] / 1024)
            pss[worker.name].append(figures["Pss"] / 1024)
            private[worker.name].append(figures["Private"] / 1024)
            worker.close()
    print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print(f"{len(lesson)} cells of lessons/02-genserver.md, then {idle:.0f} s idle; {rounds} rounds, medians")
    base = statistics.median(rss[chosen[0]])
    for name in chosen:
        r, p = statistics.median(rss[name]), statistics.median(pss[name])
        print(f"{name:18s} RSS {r:6.1f} MB ({r / base:4.2f}x)  PSS {p:6.1f} MB  private {statistics.median(private[name]):6.1f} MB  "
              f"first cell {statistics.median(first[name]):5.0f} ms, second {statistics.median(second[name]):5.0f} ms")


if __name__ == "__main__":
    main()
