package otp.conformance;

import static otp.conformance.ScenarioSupport.awaitMailbox;
import static otp.conformance.ScenarioSupport.down;
import static otp.conformance.ScenarioSupport.mailbox;
import static otp.conformance.ScenarioSupport.nextExit;
import static otp.conformance.ScenarioSupport.sleep;
import static otp.conformance.ScenarioSupport.waitDead;
import static otp.conformance.Terms.norm;
import static otp.conformance.Terms.term;
import static otp.conformance.TraceLog.line;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import otp.AlreadyRegisteredException;
import otp.Down;
import otp.Exit;
import otp.ExitException;
import otp.GenServer;
import otp.Monitored;
import otp.Pid;
import otp.Process;
import otp.Reason;
import otp.Ref;

/** Process scenarios: ordering, links, exit signals, kill, monitors, names. Twins of Conf.S. */
final class ProcessScenarios {
    private ProcessScenarios() {
    }

    private record Numbered(int n) {}

    private record Handed(Pid pid) {}

    private record Trapped(boolean fromMe, String reason) {}

    private record Ping(Pid from) {}

    static Map<String, Runnable> all() {
        return Map.ofEntries(
                Map.entry("message_ordering", ProcessScenarios::messageOrdering),
                Map.entry("link_propagates_crash", ProcessScenarios::linkPropagatesCrash),
                Map.entry("trap_exit", ProcessScenarios::trapExit),
                Map.entry("exit_signals", ProcessScenarios::exitSignals),
                Map.entry("exit_signal_to_self", ProcessScenarios::exitSignalToSelf),
                Map.entry("kill", ProcessScenarios::kill),
                Map.entry("link_to_dead_process", ProcessScenarios::linkToDeadProcess),
                Map.entry("monitors", ProcessScenarios::monitors),
                Map.entry("link_and_monitor_counts", ProcessScenarios::linkAndMonitorCounts),
                Map.entry("demonitor_flush", ProcessScenarios::demonitorFlush),
                Map.entry("demonitor_after_down", ProcessScenarios::demonitorAfterDown),
                Map.entry("registered_names", ProcessScenarios::registeredNames),
                Map.entry("name_rules", ProcessScenarios::nameRules),
                Map.entry("monitor_by_name", ProcessScenarios::monitorByName));
    }

    private static void forever() {
        Process.sleep(Process.INFINITY);
    }

    static void messageOrdering() {
        Pid me = Process.self();
        Process.spawn(() -> IntStream.rangeClosed(1, 100).forEach(i -> Process.send(me, new Numbered(i))));
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            got.add(Process.receive(Numbered.class).n());
        }
        line("100 messages in order " + got.equals(IntStream.rangeClosed(1, 100).boxed().toList()));
        Process.send(me, "a");
        Process.send(me, "b");
        Process.send(me, "c");
        Process.receive(m -> m.equals("c"));
        Object first = Process.receive();
        Object second = Process.receive();
        line("selective receive took c; then " + first + " " + second);
        Process.trapExit(true);
        Process.spawnLink(() -> {
            Process.send(me, "last_words");
            Process.exit(Reason.of("bye"));
        });
        Object m1 = Process.receive();
        Exit m2 = Process.receive(Exit.class);
        line(term(m1) + " then EXIT " + norm(m2.reason()));
    }

    static void linkPropagatesCrash() {
        Pid me = Process.self();
        Pid a = Process.spawn(() -> {
            Pid b = Process.spawnLink(() -> {
                Process.receive(m -> m.equals("crash"));
                Process.exit(Reason.of("boom"));
            });
            Process.send(me, new Handed(b));
            forever();
        });
        Pid b = Process.receive(Handed.class).pid();
        Ref ra = Process.monitor(a);
        Ref rb = Process.monitor(b);
        Process.send(b, "crash");
        line("b DOWN " + down(rb));
        line("a DOWN " + down(ra));
    }

    static void trapExit() {
        Process.trapExit(true);
        Process.spawnLink(() -> Process.exit(Reason.of("boom")));
        line(nextExit(5000));
        Process.spawnLink(() -> { });
        line(nextExit(5000));
        Process.spawnLink(() -> {
            throw new RuntimeException("boom");
        });
        line(nextExit(5000));
    }

    static void exitSignals() {
        Pid me = Process.self();
        Pid a = Process.spawn(ProcessScenarios::forever);
        Process.exit(a, Reason.NORMAL);
        sleep(50);
        line("normal signal ignored, alive " + Process.isAlive(a));
        Ref ra = Process.monitor(a);
        Process.exit(a, Reason.of("boom"));
        line("boom signal DOWN " + down(ra));
        Pid t = Process.spawn(() -> {
            Process.trapExit(true);
            Process.send(me, "ready");
            for (int i = 0; i < 2; i++) {
                Exit exit = Process.receive(Exit.class);
                Process.send(me, new Trapped(exit.from().equals(me), norm(exit.reason())));
            }
        });
        Process.receive(m -> m.equals("ready"));
        Process.exit(t, Reason.NORMAL);
        Process.exit(t, Reason.of("boom"));
        for (int i = 0; i < 2; i++) {
            Trapped trapped = Process.receive(Trapped.class);
            line("trapped " + trapped.reason() + " from me " + trapped.fromMe());
        }
    }

    private record TrappedSelf(boolean fromSelf, String reason) {}

    static void exitSignalToSelf() {
        Pid me = Process.self();
        Monitored plain = Process.spawnMonitor(() -> {
            Process.exit(Process.self(), Reason.NORMAL);
            Process.send(me, "plain_lived_on");
        });
        line("plain normal to itself DOWN " + down(plain.ref()));
        Process.spawn(() -> {
            Process.trapExit(true);
            Process.exit(Process.self(), Reason.NORMAL);
            Exit exit = Process.receive(Exit.class);
            Process.send(me, new TrappedSelf(exit.from().equals(Process.self()), norm(exit.reason())));
        });
        TrappedSelf trapped = Process.receive(TrappedSelf.class);
        line("trapping got EXIT " + trapped.reason() + " from itself " + trapped.fromSelf());
        Monitored killer = Process.spawnMonitor(() -> {
            Process.trapExit(true);
            Process.exit(Process.self(), Reason.KILL);
            Process.send(me, "killer_lived_on");
        });
        line("trapping kill to itself DOWN " + down(killer.ref()));
        line("mailbox " + mailbox());
    }

    static void kill() {
        Pid me = Process.self();
        Process.trapExit(true);
        Pid victim = Process.spawnLink(() -> {
            Process.trapExit(true);
            Pid neighbour = Process.spawnLink(ProcessScenarios::forever);
            Process.send(me, new Handed(neighbour));
            forever();
        });
        Pid neighbour = Process.receive(Handed.class).pid();
        Ref rv = Process.monitor(victim);
        Ref rn = Process.monitor(neighbour);
        Process.exit(victim, Reason.KILL);
        line("victim DOWN " + down(rv));
        line(nextExit(5000));
        line("non-trapping neighbour DOWN " + down(rn));
    }

    static void linkToDeadProcess() {
        Pid dead = Process.spawn(() -> { });
        waitDead(dead);
        String result;
        try {
            Process.link(dead);
            result = "returned";
        } catch (ExitException exit) {
            // Java has no error/exit kinds: whatever link throws stands for Erlang's noproc error.
            result = "error " + norm(exit);
        }
        line("link " + result);
        line("caller alive");
    }

    private static Pid dieOnRequest() {
        return Process.spawn(() -> {
            Process.receive(m -> m.equals("die"));
            Process.exit(Reason.of("boom"));
        });
    }

    static void linkAndMonitorCounts() {
        Process.trapExit(true);
        Pid p = dieOnRequest();
        Process.link(p);
        Process.link(p);
        Process.unlink(p);
        Ref rp = Process.monitor(p);
        Process.send(p, "die");
        down(rp);
        line("linked twice, unlinked once: " + nextExit(200));
        Pid q = dieOnRequest();
        Ref r1 = Process.monitor(q);
        Ref r2 = Process.monitor(q);
        Process.send(q, "die");
        line("monitored twice: " + down(r1) + " and " + down(r2));
    }

    static void monitors() {
        Pid p = Process.spawn(() -> {
            Process.receive(m -> m.equals("go"));
            Process.exit(Reason.of("boom"));
        });
        Ref ref = Process.monitor(p);
        Process.send(p, "go");
        line("DOWN " + down(ref));
        line("monitor of dead DOWN " + down(Process.monitor(p)));
        Monitored spawned = Process.spawnMonitor(() -> { });
        line("spawn_monitor DOWN " + down(spawned.ref()));
        Pid q = Process.spawn(ProcessScenarios::forever);
        Ref r3 = Process.monitor(q);
        line("demonitor " + Process.demonitor(r3));
        Process.exit(q, Reason.KILL);
        sleep(50);
        line("mailbox " + mailbox());
    }

    static void demonitorFlush() {
        Pid p = Process.spawn(() -> { });
        Ref ref = Process.monitor(p);
        awaitMailbox(1);
        line("mailbox before " + mailbox());
        line("demonitor flush " + Process.demonitor(ref, true));
        line("mailbox after " + mailbox());
    }

    static void demonitorAfterDown() {
        Pid p = Process.spawn(() -> { });
        Ref ref = Process.monitor(p);
        awaitMailbox(1);
        line("demonitor " + Process.demonitor(ref));
        line("mailbox " + mailbox());
    }

    static void registeredNames() {
        Pid p = Process.spawn(() -> {
            Ping ping = Process.receive(Ping.class);
            Process.send(ping.from(), "pong");
        });
        Process.register("conf_named", p);
        line("whereis " + p.equals(Process.whereis("conf_named")));
        Process.send("conf_named", new Ping(Process.self()));
        Process.receive(m -> m.equals("pong"));
        line("pong by name");
        waitDead(p);
        line("whereis after exit " + term(Process.whereis("conf_named")));
        try {
            Process.send("conf_named", "hello");
            line("send to free name returned");
        } catch (IllegalArgumentException e) {
            line("send to free name badarg");
        }
        Pid q = Process.spawn(ProcessScenarios::forever);
        Process.register("conf_held", q);
        try {
            Process.register("conf_held", Process.self());
            line("register taken returned");
        } catch (AlreadyRegisteredException e) {
            line("register taken badarg");
        }
    }

    /** "returned true" where Elixir's register/unregister return true (Java's return nothing), "badarg" for its ArgumentError. */
    private static String badarg(Runnable action) {
        try {
            action.run();
            return "returned true";
        } catch (IllegalArgumentException badarg) {
            return "badarg";
        }
    }

    static void nameRules() {
        Pid me = Process.self();
        line("register " + badarg(() -> Process.register("conf_first", me)));
        line("a second name for the same process " + badarg(() -> Process.register("conf_second", me)));
        Pid dead = Process.spawn(() -> { });
        waitDead(dead);
        line("register a dead process " + badarg(() -> Process.register("conf_dead", dead)));
        line("unregister a free name " + badarg(() -> Process.unregister("conf_never")));
        Pid other = Process.spawn(ProcessScenarios::forever);
        Process.register("conf_other", other);
        line("unregister another process's name " + badarg(() -> Process.unregister("conf_other")));
        line("whereis it after " + term(Process.whereis("conf_other")));
        line("unregister its own " + badarg(() -> Process.unregister("conf_first")));
        line("then a new name " + badarg(() -> Process.register("conf_second", me)));
    }

    static void monitorByName() {
        Pid pid = Scripted.start(Scripted.spec("w").named("conf_monitored"));
        Ref ref = Process.monitor("conf_monitored");
        GenServer.stop(pid);
        Down down = (Down) Process.receive(m -> m instanceof Down d && d.ref().equals(ref));
        line("DOWN " + term(down.pid()) + " " + norm(down.reason()));
        line("unregistered name DOWN " + down(Process.monitor("conf_nobody_here")));
    }
}
