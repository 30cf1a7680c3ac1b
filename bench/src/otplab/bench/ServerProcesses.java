package otplab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import otplab.protocol.WorkerRole;

/**
 * The server's processes as {@code /proc} shows them: the server JVM (found by the port it listens
 * on, so a server started elsewhere is found too) and its worker JVMs (descendants whose command
 * line runs {@code otplab.worker.WorkerMain}, beneath their bubblewrap parents), with their resident
 * and proportional set sizes and CPU time. Reading another user's {@code smaps_rollup} needs the
 * rights to trace it; where they are missing PSS is unknown and said so.
 */
final class ServerProcesses {
    static final String WORKER_MAIN = "otplab.worker.WorkerMain";
    private static final String ROLE = "--role";
    private static final Path PROC = Path.of("/proc");
    private static final int TCP_LISTEN = 0x0A;
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    /**
     * Memory of one moment: the server's RSS, the worker JVMs' summed RSS and PSS (kB), how many
     * workers run lesson cells and how many grade.
     */
    record Snapshot(long serverRssKb, long workersRssKb, long workersPssKb, boolean pssKnown, int notebookWorkers,
                    int gradingWorkers, Map<Long, Double> workerCpuSeconds) {
        int workers() {
            return notebookWorkers + gradingWorkers;
        }
    }

    private ServerProcesses() {}

    /** The process listening on {@code port} on this machine, when one of ours is. */
    static OptionalLong listening(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            try {
                for (String line : Files.readAllLines(PROC.resolve(table)).stream().skip(1).toList()) {
                    String[] fields = line.trim().split("\\s+");
                    String local = fields[1];
                    int localPort = Integer.parseInt(local.substring(local.indexOf(':') + 1), 16);
                    if (localPort == port && Integer.parseInt(fields[3], 16) == TCP_LISTEN) {
                        inodes.add("socket:[" + fields[9] + "]");
                    }
                }
            } catch (IOException | RuntimeException unreadable) {
                // no such table (no IPv6) or an unexpected line: the other table may still say
            }
        }
        if (inodes.isEmpty()) {
            return OptionalLong.empty();
        }
        for (long pid : pids()) {
            try (Stream<Path> fds = Files.list(PROC.resolve(pid + "/fd"))) {
                boolean owns = fds.anyMatch(fd -> {
                    try {
                        return inodes.contains(Files.readSymbolicLink(fd).toString());
                    } catch (IOException gone) {
                        return false;
                    }
                });
                if (owns) {
                    return OptionalLong.of(pid);
                }
            } catch (IOException | RuntimeException notOurs) {
                // a process that ended or that we may not look into
            }
        }
        return OptionalLong.empty();
    }

    /** The server's and its workers' memory now. */
    static Snapshot snapshot(long serverPid) {
        long serverRss = statusKb(serverPid, "VmRSS:").orElse(0);
        long rss = 0;
        long pss = 0;
        boolean pssKnown = true;
        Map<Long, Double> workers = new HashMap<>();
        int grading = 0;
        for (long pid : descendants(serverPid)) {
            List<String> argv = commandLine(pid);
            // The bubblewrap parents carry the worker's command line too; only the JVM itself counts.
            if (argv.isEmpty() || !argv.getFirst().endsWith("java") || !argv.contains(WORKER_MAIN)) {
                continue;
            }
            OptionalLong workerRss = statusKb(pid, "VmRSS:");
            OptionalLong workerPss = rollupKb(pid, "Pss:");
            if (workerRss.isEmpty() || (workerPss.isEmpty() && statusKb(pid, "VmRSS:").isEmpty())) {
                // ended between the listing and the reads
                continue;
            }
            double cpu = cpuSeconds(pid)[0];
            workers.put(pid, Double.isNaN(cpu) ? 0 : cpu);
            int role = argv.indexOf(ROLE);
            if (role >= 0 && role + 1 < argv.size() && argv.get(role + 1).equals(WorkerRole.GRADING_NAME)) {
                grading++;
            }
            rss += workerRss.getAsLong();
            if (workerPss.isPresent()) {
                pss += workerPss.getAsLong();
            } else {
                pssKnown = false;
            }
        }
        return new Snapshot(serverRss, rss, pss, pssKnown, workers.size() - grading, grading, workers);
    }

    /** CPU seconds of a process itself and of the children it has waited for, from {@code /proc/PID/stat}. */
    static double[] cpuSeconds(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is the state (field 3); utime, stime, cutime, cstime are fields 14 to 17.
            long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            long children = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            return new double[] {own / (double) CLOCK_TICKS_PER_SECOND, children / (double) CLOCK_TICKS_PER_SECOND};
        } catch (IOException | RuntimeException gone) {
            return new double[] {Double.NaN, Double.NaN};
        }
    }

    /** Busy and total jiffies of the whole machine, from the first line of {@code /proc/stat}. */
    static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(PROC.resolve("stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException unreadable) {
            return new long[] {0, 0};
        }
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(PROC.resolve("loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static List<Long> descendants(long root) {
        Map<Long, List<Long>> children = new HashMap<>();
        for (long pid : pids()) {
            try {
                String stat = Files.readString(PROC.resolve(pid + "/stat"));
                long parent = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
                children.computeIfAbsent(parent, p -> new ArrayList<>()).add(pid);
            } catch (IOException | RuntimeException gone) {
                // ended between the listing and the read
            }
        }
        List<Long> found = new ArrayList<>();
        List<Long> frontier = new ArrayList<>(List.of(root));
        while (!frontier.isEmpty()) {
            List<Long> next = new ArrayList<>();
            for (long pid : frontier) {
                List<Long> kids = children.getOrDefault(pid, List.of());
                found.addAll(kids);
                next.addAll(kids);
            }
            frontier = next;
        }
        return found;
    }

    private static List<Long> pids() {
        try (Stream<Path> entries = Files.list(PROC)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).toList();
        } catch (IOException unreadable) {
            return List.of();
        }
    }

    private static List<String> commandLine(long pid) {
        try {
            String raw = new String(Files.readAllBytes(PROC.resolve(pid + "/cmdline")), StandardCharsets.UTF_8);
            return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
        } catch (IOException gone) {
            return List.of();
        }
    }

    private static OptionalLong statusKb(long pid, String field) {
        return fieldKb(PROC.resolve(pid + "/status"), field);
    }

    private static OptionalLong rollupKb(long pid, String field) {
        return fieldKb(PROC.resolve(pid + "/smaps_rollup"), field);
    }

    private static OptionalLong fieldKb(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(field)) {
                    return OptionalLong.of(Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]));
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // gone, or not ours to read
        }
        return OptionalLong.empty();
    }
}
