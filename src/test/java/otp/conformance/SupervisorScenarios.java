package otp.conformance;

import static otp.GenServer.noreply;
import static otp.GenServer.stop;
import static otp.conformance.ScenarioSupport.changed;
import static otp.conformance.ScenarioSupport.down;
import static otp.conformance.ScenarioSupport.kill;
import static otp.conformance.ScenarioSupport.nextExit;
import static otp.conformance.ScenarioSupport.pids;
import static otp.conformance.ScenarioSupport.sleep;
import static otp.conformance.ScenarioSupport.startResult;
import static otp.conformance.ScenarioSupport.supervisorResult;
import static otp.conformance.ScenarioSupport.waitDead;
import static otp.conformance.Scripted.child;
import static otp.conformance.Scripted.name;
import static otp.conformance.Scripted.supervised;
import static otp.conformance.Terms.norm;
import static otp.conformance.Terms.term;
import static otp.conformance.TraceLog.await;
import static otp.conformance.TraceLog.line;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import otp.ChildCounts;
import otp.ChildInfo;
import otp.ChildSpec;
import otp.DynamicSupervisor;
import otp.Exit;
import otp.GenServer;
import otp.Pid;
import otp.Process;
import otp.Ref;
import otp.Restart;
import otp.Shutdown;
import otp.Strategy;
import otp.Supervisor;
import otp.SupervisorException;

/** Supervisor and DynamicSupervisor scenarios. Twins of Conf.S. */
final class SupervisorScenarios {
    private SupervisorScenarios() {
    }

    private record Met(String id, boolean met) {}

    private record Hello(String from) {}

    static Map<String, Runnable> all() {
        return Map.ofEntries(
                Map.entry("one_for_one", () -> three(Strategy.ONE_FOR_ONE)),
                Map.entry("one_for_all", () -> three(Strategy.ONE_FOR_ALL)),
                Map.entry("rest_for_one", () -> three(Strategy.REST_FOR_ONE)),
                Map.entry("restart_types", SupervisorScenarios::restartTypes),
                Map.entry("restart_intensity", SupervisorScenarios::restartIntensity),
                Map.entry("transient_exit_reasons", SupervisorScenarios::transientExitReasons),
                Map.entry("shutdown_order", SupervisorScenarios::shutdownOrder),
                Map.entry("child_start_failure", SupervisorScenarios::childStartFailure),
                Map.entry("which_children_order", SupervisorScenarios::whichChildrenOrder),
                Map.entry("child_spec_conventions", SupervisorScenarios::childSpecConventions),
                Map.entry("ignored_children", SupervisorScenarios::ignoredChildren),
                Map.entry("restart_failure_gives_up", SupervisorScenarios::restartFailureGivesUp),
                Map.entry("child_management", SupervisorScenarios::childManagement),
                Map.entry("one_for_all_temporary", SupervisorScenarios::oneForAllTemporary),
                Map.entry("dynamic_supervisor", SupervisorScenarios::dynamicSupervisor),
                Map.entry("nested_supervisors", SupervisorScenarios::nestedSupervisors),
                Map.entry("dynamic_supervisor_gives_up", SupervisorScenarios::dynamicSupervisorGivesUp),
                Map.entry("dynamic_supervisor_stops_children_together", SupervisorScenarios::dynamicSupervisorStopsChildrenTogether));
    }

    private static Pid startSupervisor(List<ChildSpec> children, Supervisor.Flags flags) {
        return Supervisor.startLink(children, flags);
    }

    static void three(Strategy strategy) {
        Process.trapExit(true);
        Pid sup = startSupervisor(List.of(child("a"), child("b"), child("c")), Supervisor.Flags.of(strategy));
        Map<Object, Pid> before = pids(sup);
        line("kill b");
        kill("b");
        await(strategy == Strategy.ONE_FOR_ONE ? "start b" : "start c", 2);
        line("restarted " + changed(before, pids(sup)));
        GenServer.stop(sup);
        line("stop supervisor ok");
    }

    static void restartTypes() {
        Process.trapExit(true);
        Pid sup = startSupervisor(List.of(child("p"), child("t").withRestart(Restart.TRANSIENT),
                child("tmp").withRestart(Restart.TEMPORARY)), Supervisor.Flags.of(Strategy.ONE_FOR_ONE));
        Scripted.cast(Process.whereis(name("p")), s -> stop(otp.Reason.NORMAL, s));
        await("start p", 2);
        Pid t = Process.whereis(name("t"));
        Scripted.cast(t, s -> stop(otp.Reason.NORMAL, s));
        waitDead(t);
        Pid tmp = Process.whereis(name("tmp"));
        Scripted.cast(tmp, s -> { throw new RuntimeException("boom"); });
        waitDead(tmp);
        sleep(100);
        List<String> rows = new ArrayList<>();
        for (ChildInfo row : Supervisor.whichChildren(sup)) {
            rows.add(row.id() + ":" + (row.pid() != null ? "running" : "undefined"));
        }
        rows.sort(null);
        line("children " + String.join(",", rows));
        Supervisor.restartChild(sup, "t");
        line("restart_child t ok");
        Scripted.cast(Process.whereis(name("t")), s -> { throw new RuntimeException("boom"); });
        await("start t", 3);
        GenServer.stop(sup);
    }

    static void transientExitReasons() {
        Process.trapExit(true);
        List<String> ids = List.of("n", "s", "sx", "x");
        Pid sup = startSupervisor(ids.stream().map(id -> child(id).withRestart(Restart.TRANSIENT)).toList(),
                Supervisor.Flags.of(Strategy.ONE_FOR_ONE));
        List<otp.Reason> reasons = List.of(otp.Reason.NORMAL, otp.Reason.SHUTDOWN, otp.Reason.shutdown("done"), otp.Reason.of("boom"));
        for (int i = 0; i < ids.size(); i++) {
            otp.Reason reason = reasons.get(i);
            Pid pid = Process.whereis(name(ids.get(i)));
            Scripted.cast(pid, s -> stop(reason, s));
            waitDead(pid);
        }
        await("start x", 2);
        List<String> rows = new ArrayList<>();
        for (ChildInfo row : Supervisor.whichChildren(sup)) {
            rows.add(row.id() + ":" + (row.pid() != null ? "running" : "undefined"));
        }
        rows.sort(null);
        line("children " + String.join(",", rows));
        GenServer.stop(sup);
        line("stop supervisor ok");
    }

    static void restartIntensity() {
        Process.trapExit(true);
        Pid sup = startSupervisor(List.of(child("a")),
                Supervisor.Flags.builder().strategy(Strategy.ONE_FOR_ONE).intensity(2).period(5).build());
        for (int n = 2; n <= 3; n++) {
            line("kill a");
            kill("a");
            await("start a", n);
        }
        line("kill a");
        kill("a");
        Exit exit = ScenarioSupport.exitFrom(sup);
        line("supervisor EXIT " + norm(exit.reason()));
    }

    static void shutdownOrder() {
        Process.trapExit(true);
        ChildSpec lingering = child(supervised("c").onTerminate((reason, s) -> {
            line("c lingers");
            sleep(2000);
            line("c never gets here");
        })).withShutdown(Shutdown.timeout(100));
        Pid sup = startSupervisor(List.of(child("a"), child("b").withShutdown(Shutdown.BRUTAL_KILL), lingering, child("d")),
                Supervisor.Flags.of(Strategy.ONE_FOR_ONE));
        Map<String, Ref> refs = new LinkedHashMap<>();
        for (String id : List.of("a", "b", "c", "d")) {
            refs.put(id, Process.monitor(Process.whereis(name(id))));
        }
        GenServer.stop(sup);
        line("stop supervisor ok");
        refs.forEach((id, ref) -> line(id + " DOWN " + down(ref)));
    }

    static void childStartFailure() {
        Process.trapExit(true);
        List<ChildSpec> children = List.of(child("a"),
                child(supervised("b").init(s -> GenServer.stop(otp.Reason.of("nope")))), child("c"));
        line("start " + startResult(() -> startSupervisor(children, Supervisor.Flags.of(Strategy.ONE_FOR_ONE))));
        line(nextExit(5000));
    }

    static void childSpecConventions() {
        Process.trapExit(true);
        Pid sup = startSupervisor(List.of(child("a").withRestart(Restart.TRANSIENT).withShutdown(Shutdown.timeout(300))),
                Supervisor.Flags.of(Strategy.ONE_FOR_ONE));
        ChildSpec a = Supervisor.getChildspec(sup, "a");
        line("get_childspec a " + a.id() + " " + describe(a));
        line("get_childspec unknown " + supervisorResult(() -> Supervisor.getChildspec(sup, "zz")));
        Supervisor.startChild(sup, new Scripted().childSpec(Scripted.spec("d").logged(true)));
        ChildSpec d = Supervisor.getChildspec(sup, Scripted.class.getSimpleName());
        line("use GenServer's child_spec: id is the module " + d.id().equals(Scripted.class.getSimpleName()) + ", " + describe(d));
        Supervisor.startChild(sup, child("b").withId("b2").withRestart(Restart.TEMPORARY));
        ChildSpec b = Supervisor.getChildspec(sup, "b2");
        line("Supervisor.child_spec overrides " + b.id() + " " + lower(b.restart()));
        GenServer.stop(sup);
        line("stop supervisor ok");
    }

    /** restart, shutdown and type as the child spec map prints them. */
    private static String describe(ChildSpec spec) {
        String shutdown = switch (spec.shutdown()) {
            case Shutdown.Timeout t -> String.valueOf(t.ms());
            case Shutdown.BrutalKill k -> "brutal_kill";
            case Shutdown.Infinity i -> "infinity";
        };
        return lower(spec.restart()) + " " + shutdown + " " + lower(spec.type());
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static void ignoredChildren() {
        Process.trapExit(true);
        ChildSpec ignoring = child(supervised("i").init(s -> GenServer.ignore()));
        Pid sup = startSupervisor(List.of(child("a"), ignoring), Supervisor.Flags.of(Strategy.ONE_FOR_ONE));
        List<String> rows = new ArrayList<>();
        for (ChildInfo row : Supervisor.whichChildren(sup)) {
            rows.add(row.id() + ":" + (row.pid() != null ? "running" : "undefined"));
        }
        rows.sort(null);
        line("children " + String.join(",", rows));
        ChildCounts c = Supervisor.countChildren(sup);
        line("counts specs " + c.specs() + " active " + c.active());
        line("restart the ignored child " + okPid(Supervisor.restartChild(sup, "i")));
        line("start_child ignoring " + okPid(Supervisor.startChild(sup, child(supervised("j").init(s -> GenServer.ignore())))));
        ChildSpec failing = child(supervised("m").init(s -> GenServer.stop(otp.Reason.of("nope"))));
        try {
            Supervisor.startChild(sup, failing);
            line("start_child stopping {ok,pid}");
        } catch (SupervisorException e) {
            line("start_child stopping {error,{" + norm(e.reason()) + ",child}}");
        }
        Pid ds = DynamicSupervisor.startLink(DynamicSupervisor.Options.defaults());
        Pid k = DynamicSupervisor.startChild(ds, child(supervised("k").init(s -> GenServer.ignore())));
        // DynamicSupervisor.startChild answers null for ignore, where Elixir's answers :ignore.
        line("dynamic start_child ignoring " + (k == null ? "ignore" : "{ok,pid}"));
        line("dynamic active " + DynamicSupervisor.countChildren(ds).active());
        ChildSpec stopping = child(supervised("l").init(s -> GenServer.stop(otp.Reason.of("nope"))));
        line("dynamic start_child stopping " + supervisorResult(() -> DynamicSupervisor.startChild(ds, stopping)));
        GenServer.stop(ds);
        GenServer.stop(sup);
        line("stop both ok ok");
    }

    /** {ok,pid} or, for a child whose start returned ignore (null), {ok,undefined}. */
    private static String okPid(Pid pid) {
        return pid == null ? "{ok,undefined}" : "{ok,pid}";
    }

    static void whichChildrenOrder() {
        Process.trapExit(true);
        Pid sup = startSupervisor(List.of(child("a"), child("b"), child("c")), Supervisor.Flags.of(Strategy.ONE_FOR_ONE));
        line("static " + term(Supervisor.whichChildren(sup).stream().map(ChildInfo::id).toList()));
        GenServer.stop(sup);
        line("stop supervisor ok");
    }

    static void nestedSupervisors() {
        Process.trapExit(true);
        Supervisor.Flags innerFlags = Supervisor.Flags.builder().strategy(Strategy.ONE_FOR_ONE).intensity(1).period(5).build();
        ChildSpec inner = ChildSpec.supervisor("inner", () -> Supervisor.startLink(List.of(child("a")), innerFlags, "conf_inner"));
        Pid outer = startSupervisor(List.of(inner, child("b")), Supervisor.Flags.of(Strategy.ONE_FOR_ONE));
        Pid first = Process.whereis("conf_inner");
        line("kill a");
        kill("a");
        await("start a", 2);
        line("kill a");
        kill("a");
        await("start a", 3);
        line("inner restarted by outer " + !first.equals(Process.whereis("conf_inner")));
        ChildCounts c = Supervisor.countChildren(outer);
        line("outer counts specs " + c.specs() + " active " + c.active() + " workers " + c.workers() + " supervisors " + c.supervisors());
        GenServer.stop(outer);
        line("stop outer ok");
    }

    static void dynamicSupervisorGivesUp() {
        Process.trapExit(true);
        Pid ds = DynamicSupervisor.startLink(DynamicSupervisor.Options.builder().intensity(1).period(5).build());
        DynamicSupervisor.startChild(ds, child("a"));
        line("kill a");
        kill("a");
        await("start a", 2);
        line("kill a");
        kill("a");
        line("supervisor EXIT " + norm(ScenarioSupport.exitFrom(ds).reason()));
    }

    static void dynamicSupervisor() {
        Process.trapExit(true);
        Pid ds = DynamicSupervisor.startLink(DynamicSupervisor.Options.builder().maxChildren(2).build());
        DynamicSupervisor.startChild(ds, child("a"));
        Pid b = DynamicSupervisor.startChild(ds, child("b").withRestart(Restart.TEMPORARY));
        line("third child " + supervisorResult(() -> DynamicSupervisor.startChild(ds, child("c"))));
        line("kill a");
        kill("a");
        await("start a", 2);
        line("terminate b " + supervisorResult(() -> {
            DynamicSupervisor.terminateChild(ds, b);
            return "ok";
        }));
        line("terminate b again " + supervisorResult(() -> {
            DynamicSupervisor.terminateChild(ds, b);
            return "ok";
        }));
        line("active " + DynamicSupervisor.countChildren(ds).active());
        GenServer.stop(ds);
        line("stop ok");
    }

    /** Each child's terminate greets the other and waits for its greeting: only a concurrent shutdown lets both meet. */
    static void dynamicSupervisorStopsChildrenTogether() {
        Pid me = Process.self();
        Process.trapExit(true);
        Pid ds = DynamicSupervisor.startLink(DynamicSupervisor.Options.defaults());
        Map<String, String> peers = new HashMap<>(Map.of("a", "b", "b", "a"));
        for (String id : List.of("a", "b")) {
            String peer = peers.get(id);
            DynamicSupervisor.startChild(ds, child(supervised(id).logged(false).value(false)
                    .info((msg, s) -> noreply(msg instanceof Hello ? s.value(true) : s))
                    .onTerminate((reason, s) -> {
                        Process.send(name(peer), new Hello(id));
                        boolean met = (Boolean) s.value()
                                || Process.receive(m -> m instanceof Hello, 3000).isPresent();
                        Process.send(me, new Met(id, met));
                    })));
        }
        GenServer.stop(ds);
        for (String id : List.of("a", "b")) {
            line(Process.receive(m -> m instanceof Met met && met.id().equals(id), 10_000)
                    .map(m -> id + " met its peer " + ((Met) m).met())
                    .orElse(id + " never answered"));
        }
    }

    static void restartFailureGivesUp() {
        Process.trapExit(true);
        ChildSpec broken = child(supervised("a").init(s -> Process.whereis("conf_break") != null
                ? GenServer.stop(otp.Reason.of("broken")) : GenServer.ok(s)));
        Pid sup = startSupervisor(List.of(broken),
                Supervisor.Flags.builder().strategy(Strategy.ONE_FOR_ONE).intensity(3).period(5).build());
        Process.register("conf_break", Process.self());
        line("kill a");
        kill("a");
        line("supervisor EXIT " + norm(ScenarioSupport.exitFrom(sup).reason()));
    }

    static void childManagement() {
        Process.trapExit(true);
        Pid sup = startSupervisor(List.of(child("a"), child("b")), Supervisor.Flags.of(Strategy.ONE_FOR_ONE));
        line("terminate a " + supervisorResult(() -> {
            Supervisor.terminateChild(sup, "a");
            return "ok";
        }));
        ChildCounts c = Supervisor.countChildren(sup);
        line("counts specs " + c.specs() + " active " + c.active() + " workers " + c.workers() + " supervisors " + c.supervisors());
        Supervisor.restartChild(sup, "a");
        line("restart a ok");
        line("restart running " + supervisorResult(() -> Supervisor.restartChild(sup, "a")));
        line("delete running " + supervisorResult(() -> {
            Supervisor.deleteChild(sup, "a");
            return "ok";
        }));
        Supervisor.terminateChild(sup, "a");
        line("start_child stopped id " + supervisorResult(() -> Supervisor.startChild(sup, child("a"))));
        line("delete " + supervisorResult(() -> {
            Supervisor.deleteChild(sup, "a");
            return "ok";
        }));
        line("terminate unknown " + supervisorResult(() -> {
            Supervisor.terminateChild(sup, "zz");
            return "ok";
        }));
        line("start_child running id " + supervisorResult(() -> Supervisor.startChild(sup, child("b"))));
        line("start_child c " + supervisorResult(() -> Supervisor.startChild(sup, child("c"))));
        GenServer.stop(sup);
        line("stop supervisor ok");
    }

    static void oneForAllTemporary() {
        Process.trapExit(true);
        Pid sup = startSupervisor(List.of(child("a"), child("tmp").withRestart(Restart.TEMPORARY), child("c")),
                Supervisor.Flags.of(Strategy.ONE_FOR_ALL));
        line("kill a");
        kill("a");
        await("start c", 2);
        line("children " + term(Supervisor.whichChildren(sup).stream().map(row -> String.valueOf(row.id())).sorted().toList()));
        GenServer.stop(sup);
        line("stop supervisor ok");
    }
}
