package otp.conformance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import otp.ChildInfo;
import otp.Down;
import otp.Exit;
import otp.ExitException;
import otp.Pid;
import otp.Process;
import otp.Reason;
import otp.Ref;
import otp.StartFailedException;
import otp.Supervisor;
import otp.SupervisorException;

/** The helpers the scenarios share, twins of the private functions at the top of Conf.S. */
final class ScenarioSupport {
    private ScenarioSupport() {
    }

    /** "ok value" or "exit reason", as a catch of :exit prints it. */
    static String attempt(Supplier<Object> action) {
        try {
            return "ok " + Terms.term(action.get());
        } catch (ExitException exit) {
            return "exit " + Terms.norm(exit);
        }
    }

    /** What GenServer.start returned: {ok,pid}, ignore or {error,reason}. */
    static String startResult(Supplier<Pid> start) {
        try {
            return start.get() == null ? "ignore" : "{ok,pid}";
        } catch (StartFailedException failed) {
            return "{error," + Terms.norm(failed) + "}";
        }
    }

    /** What a supervisor child operation returned: its value as a term, or {error,problem}. */
    static String supervisorResult(Supplier<Object> operation) {
        try {
            Object value = operation.get();
            return value instanceof Pid ? "{ok,pid}" : Terms.term(value);
        } catch (SupervisorException problem) {
            return switch (problem.problem()) {
                case ALREADY_STARTED -> "{error,{already_started,pid}}";
                case START_FAILED -> "{error," + Terms.norm(problem.reason()) + "}";
                default -> "{error," + problem.problem().name().toLowerCase(Locale.ROOT) + "}";
            };
        }
    }

    static String down(Ref ref) {
        return Process.receive(m -> m instanceof Down d && d.ref().equals(ref), 5000)
                .map(m -> Terms.norm(((Down) m).reason())).orElse("no DOWN");
    }

    static String nextExit(long ms) {
        return Process.receive(Exit.class, ms).map(e -> "EXIT " + Terms.norm(e.reason())).orElse("no EXIT");
    }

    static Exit exitFrom(Pid from) {
        return (Exit) Process.receive(m -> m instanceof Exit e && e.from().equals(from));
    }

    static int mailbox() {
        return Process.processInfo(Process.self()).orElseThrow().messageQueueLength();
    }

    /** Polls until n messages are queued: waits for a DOWN without receiving it, under any load. */
    static void awaitMailbox(int n) {
        while (mailbox() < n) {
            Process.sleep(1);
        }
    }

    static String waitDead(Pid pid) {
        return down(Process.monitor(pid));
    }

    static Map<Object, Pid> pids(Pid sup) {
        Map<Object, Pid> pids = new HashMap<>();
        for (ChildInfo child : Supervisor.whichChildren(sup)) {
            pids.put(child.id(), child.pid());
        }
        return pids;
    }

    /** The ids (sorted) whose pid differs between two which_children readings. */
    static String changed(Map<Object, Pid> before, Map<Object, Pid> now) {
        List<String> ids = new ArrayList<>();
        before.keySet().stream().map(String::valueOf).sorted()
                .filter(id -> !Objects.equals(before.get(id), now.get(id))).forEach(ids::add);
        return Terms.term(ids);
    }

    static void kill(String id) {
        Process.exit(Process.whereis(Scripted.name(id)), Reason.KILL);
    }

    static void sleep(long ms) {
        Process.sleep(ms);
    }
}
