#!/usr/bin/env python3
"""Worker JVM start (process start -> its HELLO frame) with and without the module limits.

Usage: python3 bench/sandbox/worker_start.py [ROUNDS]   (after ./otplab build; JDK 25 in JAVA_HOME)

Variants, interleaved round by round so load hits them alike: the JDK with the worker's AOT cache
(the baseline), plus the attach flags, --limit-modules (the JVM then refuses the cache), and a
jlink'ed runtime of the worker's modules with an AOT cache of its own (made here on first use).
Prints each variant's median and its ratio to the baseline.
"""
import glob, os, socket, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORKER = os.path.join(ROOT, "target", "worker")
JAVA_HOME = os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")
MODULES = "java.sql,jdk.jshell,jdk.compiler"
SCRATCH = os.path.join(ROOT, "target", "bench-worker-start")
CP = ":".join([glob.glob(WORKER + "/*-worker.jar")[0]] + sorted(glob.glob(WORKER + "/lib/*.jar")))
FLAGS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xlog:aot=off,cds=off",
         "-Xmx128m", "-XX:MaxMetaspaceSize=96m"]
LOCKDOWN = ["-XX:+DisableAttachMechanism", "-XX:-EnableDynamicAgentLoading"]


def jlinked():
    runtime, cache = os.path.join(SCRATCH, "runtime"), os.path.join(SCRATCH, "runtime.aot")
    if not os.path.exists(cache):
        os.makedirs(SCRATCH, exist_ok=True)
        subprocess.run([JAVA_HOME + "/bin/jlink", "--add-modules", MODULES, "--no-header-files", "--no-man-pages",
                        "--output", runtime], check=True)
        subprocess.run([runtime + "/bin/java"] + FLAGS[:3] + ["-XX:AOTCacheOutput=" + cache, "-cp", CP,
                        "otplab.worker.WorkerMain", "--train"], check=True, stdout=subprocess.DEVNULL)
    return [runtime + "/bin/java"] + FLAGS + LOCKDOWN + ["-XX:AOTCache=" + cache]


def started_in_ms(command):
    path = os.path.join(SCRATCH, "start.sock")
    if os.path.exists(path):
        os.unlink(path)
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(path)
        listener.listen(1)
        began = time.perf_counter()
        process = subprocess.Popen(command + ["-cp", CP, "otplab.worker.WorkerMain", "--socket", path],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        connection, _ = listener.accept()
        connection.recv(64)
        elapsed = (time.perf_counter() - began) * 1000
        process.kill()
        process.wait()
        connection.close()
    return elapsed


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    os.makedirs(SCRATCH, exist_ok=True)
    java = [JAVA_HOME + "/bin/java"] + FLAGS
    cache = ["-XX:AOTCache=" + WORKER + "/worker.aot"]
    variants = {
        "JDK + AOT cache (baseline)": java + cache,
        "JDK + AOT cache + attach flags": java + LOCKDOWN + cache,
        "JDK + --limit-modules (cache refused)": java + LOCKDOWN + ["--limit-modules", MODULES],
        "jlink runtime + its own AOT cache": jlinked(),
    }
    times = {name: [] for name in variants}
    for _ in range(rounds):
        for name, command in variants.items():
            times[name].append(started_in_ms(command))
    print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    base = statistics.median(times["JDK + AOT cache (baseline)"])
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"{name:40s} median {median:6.0f} ms  {median / base:4.2f}x  runs {[round(r) for r in runs]}")


if __name__ == "__main__":
    main()
