#!/usr/bin/env python3
"""Worker JVM start (process start -> its HELLO frame), before and after the per-role runtimes.

Usage: python3 bench/sandbox/worker_start.py [ROUNDS]   (after ./otplab build; JDK 25 in JAVA_HOME)

Variants, interleaved round by round so load hits them alike, all with the worker's attach flags:
- notebook before: the full JDK, class path, an AOT cache trained on the JDK (made here on first use);
  this is the baseline, today's worker before the role runtimes;
- notebook now: its jlinked runtime (target/worker/runtimes/notebook) and worker.aot;
- grading before: the full JDK, class path, the same JDK cache, --role grading;
- grading now: its jlinked runtime, the module path, native access for the harness only, and
  worker-grading.aot (the non-dumpable call included), --role grading.
Prints each variant's median, its ratio to the baseline and to the same role before.
"""
import glob, os, socket, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORKER = os.path.join(ROOT, "target", "worker")
JAVA_HOME = os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")
SCRATCH = os.path.join(ROOT, "target", "bench-worker-start")
JAR = glob.glob(WORKER + "/*-worker.jar")[0]
LIBS = sorted(glob.glob(WORKER + "/lib/*.jar"))
CP = ":".join([JAR] + LIBS)
FLAGS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xlog:aot=off,cds=off",
         "-Xmx128m", "-XX:MaxMetaspaceSize=96m"]
LOCKDOWN = ["-XX:+DisableAttachMechanism", "-XX:-EnableDynamicAgentLoading"]
CLASS_PATH = ["-cp", CP, "otplab.worker.WorkerMain"]
# H2 is the one library without a module descriptor: it stays on the class path.
MODULE_PATH = ["--illegal-native-access=deny", "--enable-native-access=otplab.worker",
               "--module-path", ":".join([JAR] + [lib for lib in LIBS if "/h2-" not in lib]),
               "--add-modules", "ALL-MODULE-PATH", "-cp", ":".join(lib for lib in LIBS if "/h2-" in lib),
               "-m", "otplab.worker/otplab.worker.WorkerMain"]


def jdk_cache():
    """The worker's AOT cache as the build made it before the role runtimes: trained on the full JDK."""
    cache = os.path.join(SCRATCH, "jdk.aot")
    if not os.path.exists(cache) or os.path.getmtime(cache) < os.path.getmtime(JAR):
        os.makedirs(SCRATCH, exist_ok=True)
        subprocess.run([JAVA_HOME + "/bin/java"] + FLAGS[:3] + ["-XX:AOTCacheOutput=" + cache] + CLASS_PATH + ["--train"],
                       check=True, stdout=subprocess.DEVNULL)
    return cache


def started_in_ms(command, role):
    path = os.path.join(SCRATCH, "start.sock")
    if os.path.exists(path):
        os.unlink(path)
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(path)
        listener.listen(1)
        began = time.perf_counter()
        process = subprocess.Popen(command + ["--socket", path, "--role", role],
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
    jdk = [JAVA_HOME + "/bin/java"] + FLAGS + LOCKDOWN + ["-XX:AOTCache=" + jdk_cache()]
    notebook = [WORKER + "/runtimes/notebook/bin/java"] + FLAGS + LOCKDOWN + ["-XX:AOTCache=" + WORKER + "/worker.aot"]
    grading = [WORKER + "/runtimes/grading/bin/java"] + FLAGS + LOCKDOWN + ["-XX:AOTCache=" + WORKER + "/worker-grading.aot"]
    variants = {
        "notebook: JDK + AOT cache (before, baseline)": (jdk + CLASS_PATH, "notebook"),
        "notebook: linked runtime + its AOT cache": (notebook + CLASS_PATH, "notebook"),
        "grading: JDK + AOT cache, class path (before)": (jdk + CLASS_PATH, "grading"),
        "grading: linked runtime, module path, its cache": (grading + MODULE_PATH, "grading"),
    }
    times = {name: [] for name in variants}
    for _ in range(rounds):
        for name, (command, role) in variants.items():
            times[name].append(started_in_ms(command, role))
    print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    base = statistics.median(times["notebook: JDK + AOT cache (before, baseline)"])
    grading_base = statistics.median(times["grading: JDK + AOT cache, class path (before)"])
    for name, runs in times.items():
        median = statistics.median(runs)
        same_role = grading_base if name.startswith("grading") else base
        print(f"{name:48s} median {median:6.0f} ms  {median / base:4.2f}x baseline  {median / same_role:4.2f}x its role before"
              f"  runs {[round(r) for r in runs]}")


if __name__ == "__main__":
    main()
