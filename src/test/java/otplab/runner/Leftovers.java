package otplab.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Polls until a worker's processes are gone (SIGKILL takes a moment to land); no fixed sleeps. */
final class Leftovers {
    private Leftovers() {}

    static boolean noneAlive(List<ProcessHandle> tree) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (tree.stream().noneMatch(Leftovers::running)) {
                return true;
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** A zombie waiting for a reaper is dead for our purposes: it holds no memory and runs nothing. */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    static String describe(List<ProcessHandle> tree) {
        return tree.stream().filter(Leftovers::running)
                .map(p -> p.pid() + " " + p.info().command().orElse("?")).collect(Collectors.joining(", "));
    }
}
