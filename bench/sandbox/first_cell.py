#!/usr/bin/env python3
"""A session's first cells on a fresh notebook worker, with and without a warm-up cell run before them.

Usage: python3 bench/sandbox/first_cell.py [ROUNDS]   (after ./otplab build; JDK 25 in JAVA_HOME)

Each round starts two workers with today's command line (see idle_memory.py), runs WARM_UP (the
runner's NotebookWarmUp.CELL) in one of them as a pool does before a worker counts as ready, then
the runnable cells of lessons/02-genserver.md in both, interleaved. Prints each cell's median and
the median of the whole lesson: what a learner's first runs on a new page wait for javac and
JShell to warm up.
"""
import os, statistics, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import idle_memory as bench  # noqa: E402

WARM_UP = ("record OtplabWarmUp(int n) {}\n"
           "int otplabWarmUp = switch (new OtplabWarmUp(2)) {\n"
           "    case OtplabWarmUp(int n) when n > 1 -> java.util.stream.IntStream.range(0, n).map(i -> i * 2).sum();\n"
           "    default -> 0;\n"
           "};")


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    os.makedirs(bench.SCRATCH, exist_ok=True)
    cells = bench.cells()
    fresh, warmed = [], []
    for _ in range(rounds):
        cold = bench.Worker("first-cold", bench.VARIANTS["today"])
        warm = bench.Worker("first-warm", bench.VARIANTS["today"])
        warm.run(WARM_UP)
        times_cold, times_warm = [], []
        for code in cells:
            times_cold.append(cold.run(code))
            times_warm.append(warm.run(code))
        fresh.append(times_cold)
        warmed.append(times_warm)
        cold.close()
        warm.close()
    print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print(f"{len(cells)} cells of lessons/02-genserver.md; {rounds} rounds, medians in ms")
    base = statistics.median(sum(r) for r in fresh)
    for name, runs in (("fresh worker", fresh), ("after the warm-up cell", warmed)):
        per_cell = [round(statistics.median(column)) for column in zip(*runs)]
        whole = statistics.median(sum(r) for r in runs)
        print(f"{name:24s} cells {per_cell}  lesson {whole:6.0f} ms ({whole / base:4.2f}x)")


if __name__ == "__main__":
    main()
