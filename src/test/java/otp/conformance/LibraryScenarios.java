package otp.conformance;

import static otp.conformance.ScenarioSupport.attempt;
import static otp.conformance.ScenarioSupport.mailbox;
import static otp.conformance.ScenarioSupport.sleep;
import static otp.conformance.ScenarioSupport.waitDead;
import static otp.conformance.Scripted.spec;
import static otp.conformance.Terms.norm;
import static otp.conformance.Terms.term;
import static otp.conformance.TraceLog.line;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import otp.Agent;
import otp.AlreadyRegisteredException;
import otp.Down;
import otp.Exit;
import otp.GenServer;
import otp.Global;
import otp.Monitored;
import otp.Pid;
import otp.Process;
import otp.PubSub;
import otp.Reason;
import otp.Ref;
import otp.Registry;
import otp.Task;
import otp.Timers;

/** Registry, Task, Agent, timers and PubSub scenarios. Twins of Conf.S. */
final class LibraryScenarios {
    private LibraryScenarios() {
    }

    private record Result(String text) {}

    private record Ready(int id) {}

    private record Got(int id, Object msg) {}

    private record Tick(int n) {}

    static Map<String, Runnable> all() {
        return Map.ofEntries(
                Map.entry("registry", LibraryScenarios::registry),
                Map.entry("task", LibraryScenarios::task),
                Map.entry("task_await_leaves_no_down", LibraryScenarios::taskAwaitLeavesNoDown),
                Map.entry("agent", LibraryScenarios::agent),
                Map.entry("task_results_taken_once", LibraryScenarios::taskResultsTakenOnce),
                Map.entry("registry_twice", LibraryScenarios::registryTwice),
                Map.entry("timers", LibraryScenarios::timers),
                Map.entry("library_edges", LibraryScenarios::libraryEdges),
                Map.entry("timers_zero_delay", LibraryScenarios::timersZeroDelay),
                Map.entry("pubsub", LibraryScenarios::pubsub),
                Map.entry("registry_unregister_not_held", LibraryScenarios::registryUnregisterNotHeld),
                Map.entry("task_yield_shutdown", LibraryScenarios::taskYieldShutdown),
                Map.entry("agent_get_and_update", LibraryScenarios::agentGetAndUpdate),
                Map.entry("agent_get_timeout", LibraryScenarios::agentGetTimeout));
    }

    private static String registration(Runnable register) {
        try {
            register.run();
            return "ok";
        } catch (AlreadyRegisteredException e) {
            return "already_registered";
        }
    }

    static void registry() {
        Pid me = Process.self();
        Registry.startLink("ConfReg");
        line("register " + registration(() -> Registry.register("ConfReg", "k", 1)));
        Registry.Entry entry = Registry.lookup("ConfReg", "k").orElseThrow();
        line("lookup k self " + entry.pid().equals(me) + " value " + entry.value());
        Process.spawn(() -> Process.send(me, new Result(registration(() -> Registry.register("ConfReg", "k", 2)))));
        line("other registers k " + Process.receive(Result.class).text());
        Pid p = Process.spawn(() -> {
            Registry.register("ConfReg", "k2", "x");
            Process.send(me, "registered");
            Process.sleep(Process.INFINITY);
        });
        Process.receive(m -> m.equals("registered"));
        line("lookup k2 " + count(Registry.lookup("ConfReg", "k2")));
        Process.exit(p, Reason.KILL);
        waitDead(p);
        line("lookup k2 after exit " + count(Registry.lookup("ConfReg", "k2")));
        line("keys " + term(Registry.keys("ConfReg", me)));
        Scripted.start(spec("v").value(5).named(Registry.via("ConfReg", "srv")));
        line("call via " + GenServer.call(Registry.via("ConfReg", "srv"), Scripted.VALUE));
        Registry.unregister("ConfReg", "k");
        line("unregister k ok");
        line("lookup k " + count(Registry.lookup("ConfReg", "k")));
    }

    private static int count(Optional<?> found) {
        return found.isPresent() ? 1 : 0;
    }

    static void task() {
        Process.trapExit(true);
        line("await " + Task.await(Task.async(() -> 21 * 2)));
        Task<String> slow = Task.async(() -> {
            sleep(300);
            return "late";
        });
        line("await " + attempt(() -> Task.await(slow, 50)));
        Task<String> crash = Task.async(() -> {
            throw new RuntimeException("boom");
        });
        line("await " + attempt(() -> Task.await(crash)));
        Exit exit = ScenarioSupport.exitFrom(crash.pid());
        line("EXIT " + norm(exit.reason()));
    }

    static void taskAwaitLeavesNoDown() {
        for (int i = 0; i < 5000; i++) {
            Task.await(Task.async(() -> "ok"));
        }
        sleep(50);
        int strays = 0;
        while (Process.receive(m -> m instanceof Down, 0).isPresent()) {
            strays++;
        }
        line("DOWN messages left " + strays);
    }

    static void taskResultsTakenOnce() {
        Task<String> t = Task.async(() -> "done");
        line("yield " + outcome(Task.yield(t, 5000)));
        line("yield again " + outcome(Task.yield(t, 50)));
        Task<String> finished = Task.async(() -> "finished");
        ScenarioSupport.down(Process.monitor(finished.pid()));
        line("shutdown of a finished task " + outcome(Task.shutdown(finished)));
        Process.trapExit(true);
        Task<Object> crashed = Task.async(() -> {
            Process.exit(Reason.of("boom"));
            return null;
        });
        line("yield of a task that exits " + outcome(Task.yield(crashed, 5000)));
        line(ScenarioSupport.nextExit(5000));
        line("mailbox " + mailbox());
    }

    static void registryTwice() {
        Registry.startLink("ConfReg3");
        line("register " + registration(() -> Registry.register("ConfReg3", "k", 1)));
        line("register the same key again " + registration(() -> Registry.register("ConfReg3", "k", 2)));
        line("value " + term(Registry.lookup("ConfReg3", "k").map(e -> List.of(e.value())).orElse(List.of())));
        Scripted.start(spec("a").named(Registry.via("ConfReg3", "srv")));
        line("second server under the via name " + ScenarioSupport.startResult(() -> Scripted.start(spec("b").named(Registry.via("ConfReg3", "srv")))));
    }

    static void agent() {
        Pid a = Agent.startLink(() -> 0);
        Agent.update(a, (Integer n) -> n + 1);
        line("update ok");
        line("get " + Agent.get(a, (Integer n) -> n));
        Agent.cast(a, (Integer n) -> n + 10);
        line("cast ok");
        line("get " + Agent.get(a, (Integer n) -> n));
        Agent.stop(a);
        line("stop ok");
        line("alive " + Process.isAlive(a));
    }

    static void libraryEdges() {
        Monitored owner = Process.spawnMonitor(() -> Task.await(Task.async(() -> {
            throw new RuntimeException("boom");
        })));
        line("owner of a crashing task DOWN " + ScenarioSupport.down(owner.ref()));
        Pid a = Agent.start(() -> 0);
        Ref ra = Process.monitor(a);
        line("agent get raising " + attempt(() -> Agent.get(a, (Integer n) -> {
            throw new RuntimeException("boom");
        })));
        line("agent DOWN " + ScenarioSupport.down(ra));
        Timers.sendAfter("conf_nobody_registered", "hi", 10);
        Ref t = Timers.sendAfter(Process.self(), "x", 1000);
        line("cancel once " + Timers.cancelTimer(t).isPresent());
        line("cancel twice " + Timers.cancelTimer(t).isPresent());
        GenServer.cast(Global.name("conf_nobody"), "hi");
        line("cast to a free global name ok");
        line("call to a free global name " + attempt(() -> GenServer.call(Global.name("conf_nobody"), "hi")));
        sleep(50);
        line("send_after to a free name left the sender alive, mailbox " + mailbox());
    }

    static void timers() {
        Pid me = Process.self();
        Ref ref = Timers.sendAfter(me, "tick", 20);
        Process.receive(m -> m.equals("tick"));
        line("tick");
        Ref late = Timers.sendAfter(me, "late", 1000);
        line("cancel pending gives ms left " + Timers.cancelTimer(late).isPresent());
        sleep(50);
        line("mailbox " + mailbox());
        line("cancel fired " + Timers.cancelTimer(ref).isPresent());
        Process.register("conf_timer_target", me);
        Timers.sendAfter("conf_timer_target", "named", 10);
        Process.receive(m -> m.equals("named"));
        line("named tick");
    }

    static void timersZeroDelay() {
        Pid me = Process.self();
        for (int i = 1; i <= 300; i++) {
            Timers.sendAfter(me, new Tick(i), 0);
        }
        int received = 0;
        for (int i = 0; i < 300; i++) {
            if (Process.receive(Tick.class, 2000).isPresent()) {
                received++;
            }
        }
        line("received " + received + " of 300");
    }

    static void pubsub() {
        Pid me = Process.self();
        String topic = "conf_room";
        subscriber(me, topic, 1);
        Pid s2 = subscriber(me, topic, 2);
        for (int id = 1; id <= 2; id++) {
            int wanted = id;
            Process.receive(m -> m instanceof Ready r && r.id() == wanted);
        }
        PubSub.broadcast(topic, "hello");
        receiveGot(1);
        receiveGot(2);
        PubSub.subscribe(topic);
        PubSub.broadcastFrom(topic, "from_me");
        receiveGot(1);
        receiveGot(2);
        line("mailbox " + mailbox());
        Process.exit(s2, Reason.KILL);
        waitDead(s2);
        sleep(50);
        line("subscribers " + PubSub.subscribers(topic).size());
        PubSub.broadcast(topic, "after");
        receiveGot(1);
        line("self got " + term(Process.receive()));
    }

    private static Pid subscriber(Pid me, String topic, int id) {
        return Process.spawn(() -> {
            PubSub.subscribe(topic);
            Process.send(me, new Ready(id));
            for (int i = 0; i < 3; i++) {
                Process.send(me, new Got(id, Process.receive()));
            }
        });
    }

    private static void receiveGot(int id) {
        Got got = (Got) Process.receive(m -> m instanceof Got g && g.id() == id);
        line(id + " got " + got.msg());
    }

    /** Registry.unregister returns nothing and throws nothing where Elixir's returns :ok. */
    static void registryUnregisterNotHeld() {
        Registry.startLink("ConfReg2");
        Registry.unregister("ConfReg2", "never");
        line("unregister ok");
    }

    static void taskYieldShutdown() {
        Task<String> t = Task.async(() -> {
            sleep(300);
            return "done";
        });
        line("yield " + outcome(Task.yield(t, 20)));
        line("yield " + outcome(Task.yield(t, 2000)));
        Task<Object> forever = Task.async(() -> {
            sleep(Process.INFINITY);
            return null;
        });
        line("shutdown " + outcome(Task.shutdown(forever)));
        line("alive " + Process.isAlive(forever.pid()));
    }

    /** {ok,value}, {exit,reason} or nil, as Task.yield answers in Elixir. */
    private static String outcome(Optional<? extends Task.Outcome<?>> outcome) {
        return outcome.map(o -> switch (o) {
            case Task.Ok<?> ok -> "{ok," + term(ok.value()) + "}";
            case Task.Exited<?> exited -> "{exit," + norm(exited.reason()) + "}";
        }).orElse("nil");
    }

    static void agentGetAndUpdate() {
        Pid a = Agent.startLink(() -> 5);
        line("get_and_update " + Agent.getAndUpdate(a, (Integer n) -> Agent.pair(n, n * 2)));
        line("get " + Agent.get(a, (Integer n) -> n));
    }

    static void agentGetTimeout() {
        Pid a = Agent.start(() -> 5);
        line("get " + attempt(() -> Agent.get(a, (Integer n) -> {
            sleep(200);
            return n;
        }, 50)));
    }
}
