package otp.conformance;

import static otp.GenServer.continueWith;
import static otp.GenServer.ignore;
import static otp.GenServer.noreply;
import static otp.GenServer.ok;
import static otp.GenServer.reply;
import static otp.GenServer.stop;
import static otp.GenServer.timeout;
import static otp.conformance.ScenarioSupport.attempt;
import static otp.conformance.ScenarioSupport.down;
import static otp.conformance.ScenarioSupport.mailbox;
import static otp.conformance.ScenarioSupport.nextExit;
import static otp.conformance.ScenarioSupport.sleep;
import static otp.conformance.ScenarioSupport.startResult;
import static otp.conformance.ScenarioSupport.waitDead;
import static otp.conformance.Scripted.spec;
import static otp.conformance.Terms.term;
import static otp.conformance.TraceLog.await;
import static otp.conformance.TraceLog.line;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import otp.CallExit;
import otp.CallTimeoutException;
import otp.Exit;
import otp.From;
import otp.GenServer;
import otp.Global;
import otp.Mfa;
import otp.Name;
import otp.Pid;
import otp.Process;
import otp.Reason;
import otp.Ref;
import otp.StartFailedException;

/** GenServer scenarios: init returns, calls, callbacks, stop, continue, timeouts. Twins of Conf.S. */
final class GenServerScenarios {
    private GenServerScenarios() {
    }

    static Map<String, Runnable> all() {
        return Map.ofEntries(
                Map.entry("init_ok", GenServerScenarios::initOk),
                Map.entry("init_stop", GenServerScenarios::initStop),
                Map.entry("init_ignore", GenServerScenarios::initIgnore),
                Map.entry("init_crash", GenServerScenarios::initCrash),
                Map.entry("start_name_taken", GenServerScenarios::startNameTaken),
                Map.entry("start_link_name_taken", GenServerScenarios::startLinkNameTaken),
                Map.entry("call_timeout_late_reply", GenServerScenarios::callTimeoutLateReply),
                Map.entry("call_noproc", GenServerScenarios::callNoproc),
                Map.entry("call_server_crashes", GenServerScenarios::callServerCrashes),
                Map.entry("call_server_exits_normally", GenServerScenarios::callServerExitsNormally),
                Map.entry("noreply_then_reply", GenServerScenarios::noreplyThenReply),
                Map.entry("cast_order", GenServerScenarios::castOrder),
                Map.entry("callback_crashes", GenServerScenarios::callbackCrashes),
                Map.entry("stop_from_callbacks", GenServerScenarios::stopFromCallbacks),
                Map.entry("handle_continue", GenServerScenarios::handleContinue),
                Map.entry("timeout_return", GenServerScenarios::timeoutReturn),
                Map.entry("continue_edges", GenServerScenarios::continueEdges),
                Map.entry("parent_exit_runs_terminate", GenServerScenarios::parentExitRunsTerminate),
                Map.entry("genserver_stop_reasons", GenServerScenarios::genserverStopReasons),
                Map.entry("global_names", GenServerScenarios::globalNames),
                Map.entry("default_callbacks", GenServerScenarios::defaultCallbacks),
                Map.entry("linked_caller_of_a_crashing_server", GenServerScenarios::linkedCallerOfACrashingServer),
                Map.entry("throw_as_return", GenServerScenarios::throwAsReturn),
                Map.entry("call_exit_carries_request", GenServerScenarios::callExitCarriesRequest));
    }

    private static RuntimeException boom() {
        return new RuntimeException("boom");
    }

    static void initOk() {
        Pid pid = Scripted.start(spec("w").init(s -> ok(s.value(7))));
        line("start " + startResult(() -> pid));
        line("value " + GenServer.call(pid, Scripted.VALUE));
    }

    static void initStop() {
        line("start " + startResult(() -> Scripted.start(spec("w").named("conf_init_stop").init(s -> stop(Reason.of("bad"))))));
        line("name free " + (Process.whereis("conf_init_stop") == null));
        Process.trapExit(true);
        line("start_link " + startResult(() -> Scripted.startLink(spec("w").init(s -> stop(Reason.of("bad"))))));
        line(nextExit(5000));
    }

    static void initIgnore() {
        line("start " + startResult(() -> Scripted.start(spec("w").named("conf_init_ignore").init(s -> ignore()))));
        line("name free " + (Process.whereis("conf_init_ignore") == null));
        Process.trapExit(true);
        line("start_link " + startResult(() -> Scripted.startLink(spec("w").init(s -> ignore()))));
        line(nextExit(5000));
    }

    static void initCrash() {
        line("start " + startResult(() -> Scripted.start(spec("w").init(s -> { throw boom(); }))));
        Process.trapExit(true);
        line("start_link " + startResult(() -> Scripted.startLink(spec("w").init(s -> { throw boom(); }))));
        line(nextExit(5000));
    }

    static void startNameTaken() {
        Pid first = Scripted.start(spec("a").named("conf_taken"));
        try {
            Scripted.start(spec("b").named("conf_taken"));
            line("second start {ok,pid}");
        } catch (StartFailedException e) {
            line("second start {error," + Terms.norm(e) + "}");
            line("owner is the first " + first.equals(e.alreadyStarted()));
        }
    }

    static void startLinkNameTaken() {
        Scripted.start(spec("a").named("conf_taken_link"));
        Process.trapExit(true);
        line("second start_link " + startResult(() -> Scripted.startLink(spec("b").named("conf_taken_link"))));
        line(nextExit(300));
    }

    static void callTimeoutLateReply() {
        Pid pid = Scripted.start(spec("w").value(1));
        line("call " + attempt(() -> Scripted.call(pid, (from, s) -> {
            sleep(200);
            return reply("late", s);
        }, 50)));
        line("call again " + attempt(() -> GenServer.call(pid, Scripted.VALUE)));
        line("mailbox " + mailbox());
    }

    static void callNoproc() {
        Pid dead = Process.spawn(() -> { });
        waitDead(dead);
        line("call dead pid " + attempt(() -> GenServer.call(dead, Scripted.VALUE)));
        line("call free name " + attempt(() -> GenServer.call("conf_nobody", Scripted.VALUE)));
        GenServer.cast(dead, "hello");
        GenServer.cast("conf_nobody", "hello");
        line("casts to nobody returned");
        Pid pid = Scripted.start(spec("w"));
        String selfCall = Scripted.call(pid, (from, s) -> reply(attempt(() -> GenServer.call(Process.self(), Scripted.VALUE)), s));
        line("call self " + selfCall);
    }

    static void callServerCrashes() {
        Pid pid = Scripted.start(spec("w").logged(true));
        Ref ref = Process.monitor(pid);
        line("call " + attempt(() -> Scripted.call(pid, (from, s) -> { throw boom(); })));
        line("DOWN " + down(ref));
    }

    static void callServerExitsNormally() {
        Pid pid = Scripted.start(spec("w").logged(true));
        line("call " + attempt(() -> Scripted.call(pid, (from, s) -> stop(Reason.NORMAL, s))));
        line("alive " + Process.isAlive(pid));
    }

    static void noreplyThenReply() {
        Pid pid = Scripted.start(spec("w"));
        BiFunction<From, Scripted.State, GenServer.CallResult<Scripted.State>> later = (from, s) -> {
            Process.send(Process.self(), new Scripted.Info(s2 -> {
                GenServer.reply(from, "later");
                return noreply(s2);
            }));
            return noreply(s);
        };
        line("reply " + Scripted.call(pid, later));
        String elsewhere = Scripted.call(pid, (from, s) -> {
            Process.spawn(() -> GenServer.reply(from, "from_another_process"));
            return noreply(s);
        });
        line("reply " + elsewhere);
    }

    static void castOrder() {
        Pid pid = Scripted.start(spec("w").value(List.of()));
        for (int i = 1; i <= 10; i++) {
            int n = i;
            Scripted.cast(pid, s -> noreply(s.value(appended(s.value(), n))));
        }
        line("value " + term(GenServer.call(pid, Scripted.VALUE)));
    }

    private static List<Object> appended(Object list, Object item) {
        List<Object> copy = new ArrayList<>((List<?>) list);
        copy.add(item);
        return List.copyOf(copy);
    }

    static void callbackCrashes() {
        Pid a = Scripted.start(spec("a").logged(true));
        Ref ra = Process.monitor(a);
        Scripted.cast(a, s -> { throw boom(); });
        line("DOWN a " + down(ra));
        Pid b = Scripted.start(spec("b").logged(true));
        Ref rb = Process.monitor(b);
        Process.send(b, new Scripted.Info(s -> {
            Process.exit(Reason.of("boom"));
            return noreply(s);
        }));
        line("DOWN b " + down(rb));
    }

    static void stopFromCallbacks() {
        Pid a = Scripted.start(spec("a").logged(true));
        Ref ra = Process.monitor(a);
        String bye = Scripted.call(a, (from, s) -> stop(Reason.NORMAL, "bye", s));
        line("reply " + bye);
        line("DOWN a " + down(ra));
        Pid b = Scripted.start(spec("b").logged(true));
        Ref rb = Process.monitor(b);
        Scripted.cast(b, s -> stop(Reason.SHUTDOWN, s));
        line("DOWN b " + down(rb));
        Pid c = Scripted.start(spec("c").logged(true));
        Ref rc = Process.monitor(c);
        Process.send(c, new Scripted.Info(s -> stop(Reason.shutdown("done"), s)));
        line("DOWN c " + down(rc));
        Pid d = Scripted.start(spec("d").logged(true));
        line("call " + attempt(() -> Scripted.call(d, (from, s) -> stop(Reason.of("boom"), s))));
        Pid e = Scripted.start(spec("e").logged(true));
        GenServer.stop(e);
        line("GenServer.stop ok");
        line("alive " + Process.isAlive(e));
        line("stop again " + attempt(() -> {
            GenServer.stop(e);
            return "ok";
        }));
    }

    static void handleContinue() {
        Pid pid = Scripted.start(spec("w").value(List.of())
                .onContinue((term, s) -> {
                    line("continue " + term);
                    return noreply(s.value(appended(s.value(), term)));
                })
                .init(s -> ok(s, continueWith("load"))));
        line("value " + term(GenServer.call(pid, Scripted.VALUE)));
        String ok = Scripted.call(pid, (from, s) -> reply("ok", s, continueWith("more")));
        Object value = GenServer.call(pid, Scripted.VALUE);
        line("call " + ok);
        line("value " + term(value));
        Scripted.cast(pid, s -> noreply(s, continueWith("again")));
        line("value " + term(GenServer.call(pid, Scripted.VALUE)));
    }

    static void continueEdges() {
        Pid a = Scripted.start(spec("a").logged(true)
                .onContinue((term, s) -> {
                    Process.receive(m -> m.equals("go"));
                    return stop(Reason.NORMAL, s);
                })
                .init(s -> ok(s, continueWith("quit"))));
        Ref ra = Process.monitor(a);
        Process.send(a, "go");
        line("started, then its continue stops it DOWN " + down(ra));
        Pid b = Scripted.start(spec("b")
                .info((msg, s) -> {
                    line("info " + term(msg));
                    return noreply(s);
                })
                .onContinue((term, s) -> noreply(s, timeout(0)))
                .init(s -> ok(s, continueWith("go"))));
        await("info timeout");
        String hibernated = Scripted.call(b, (from, s) -> reply("ok", s, GenServer.hibernate()));
        line("hibernate then call " + hibernated + " " + term(GenServer.call(b, Scripted.VALUE)));
    }

    static void timeoutReturn() {
        Pid pid = Scripted.start(spec("w")
                .info((msg, s) -> {
                    line("info " + term(msg));
                    return noreply(s);
                })
                .init(s -> ok(s, timeout(0))));
        await("info timeout");
        Scripted.call(pid, (from, s) -> {
            Scripted.cast(Process.self(), s2 -> {
                line("cast");
                return noreply(s2);
            });
            return reply("ok", s, timeout(500));
        });
        sleep(800);
        GenServer.call(pid, Scripted.VALUE);
        line("no timeout after the cast");
        Scripted.call(pid, (from, s) -> reply("ok", s, timeout(20)));
        await("info timeout", 2);
        line("second timeout");
    }

    private record Children(Pid trapping, Pid plain) {}

    static void parentExitRunsTerminate() {
        Pid me = Process.self();
        Pid parent = Process.spawn(() -> {
            Pid t = Scripted.startLink(spec("trapping").logged(true).trapping());
            Pid n = Scripted.startLink(spec("plain").logged(true));
            Process.send(me, new Children(t, n));
            Process.receive(m -> m.equals("die"));
            Process.exit(Reason.of("boom"));
        });
        Children children = Process.receive(Children.class);
        Ref rt = Process.monitor(children.trapping());
        Ref rn = Process.monitor(children.plain());
        Process.send(parent, "die");
        line("trapping DOWN " + down(rt));
        line("plain DOWN " + down(rn));
        Pid s = Scripted.start(spec("s").trapping().info((msg, st) -> {
            line("info " + term(msg));
            return noreply(st);
        }));
        Pid other = Process.spawn(() -> {
            Process.receive(m -> m.equals("die"));
            Process.exit(Reason.of("boom"));
        });
        Scripted.call(s, (from, st) -> {
            Process.link(other);
            return reply("ok", st);
        });
        Process.send(other, "die");
        await("info {EXIT,pid,boom}");
        line("linked non-parent exit leaves it alive " + Process.isAlive(s));
    }

    static void genserverStopReasons() {
        Pid a = Scripted.start(spec("a").logged(true));
        GenServer.stop(a, Reason.of("boom"), Process.INFINITY);
        line("stop ok");
        Pid b = Scripted.start(spec("b").onTerminate((reason, s) -> Process.receive(m -> m.equals("go_on"), 10_000)));
        line("stop with timeout " + attempt(() -> {
            GenServer.stop(b, Reason.NORMAL, 50);
            return "ok";
        }));
        line("alive after the stop timed out " + Process.isAlive(b));
        Ref rb = Process.monitor(b);
        Process.send(b, "go_on");
        line("then its terminate ends DOWN " + down(rb));
        Pid c = Scripted.start(spec("c").logged(true));
        line("call " + attempt(() -> Scripted.call(c, (from, s) -> {
            Process.exit(Reason.NORMAL);
            return reply("unreachable", s);
        })));
    }

    static void linkedCallerOfACrashingServer() {
        Process.trapExit(true);
        Pid pid = Scripted.startLink(spec("w").logged(true));
        line("call " + attempt(() -> Scripted.call(pid, (from, s) -> {
            throw boom();
        })));
        line(Process.receive(m -> m instanceof Exit e && e.from().equals(pid), 5000)
                .map(m -> "then EXIT " + Terms.norm(((Exit) m).reason())).orElse("no EXIT"));
    }

    /** A GenServer with init only: every other callback is the interface's default. */
    private static final class Bare implements GenServer<Integer, Integer> {
        @Override public Init<Integer> init(Integer n) {
            return ok(n);
        }
    }

    static void defaultCallbacks() {
        Pid b = GenServer.start(new Bare(), 0);
        Ref rb = Process.monitor(b);
        Process.send(b, "unexpected");
        line("an unexpected message leaves it alive " + Process.isAlive(b));
        line("call " + attempt(() -> GenServer.call(b, "x")));
        line("DOWN " + down(rb));
        Pid c = GenServer.start(new Bare(), 0);
        Ref rc = Process.monitor(c);
        GenServer.cast(c, "x");
        line("cast DOWN " + down(rc));
    }

    static void globalNames() {
        Pid p = Scripted.start(spec("g").value(3).named(Global.name("conf_global")));
        line("call " + GenServer.call(Global.name("conf_global"), Scripted.VALUE));
        line("whereis " + p.equals(Global.whereisName("conf_global")));
        GenServer.stop(Global.name("conf_global"));
        line("whereis after stop " + undefinedIfNull(Global.whereisName("conf_global")));
    }

    /** Global.whereisName answers null where Erlang's :global.whereis_name answers :undefined. */
    private static String undefinedIfNull(Pid pid) {
        return pid == null ? "undefined" : term(pid);
    }

    static void throwAsReturn() {
        Pid pid = Scripted.start(spec("w").value(1));
        String thrown = Scripted.call(pid, (from, s) -> {
            throw new GenServer.Throw(reply("thrown", s));
        });
        line("reply " + thrown);
        line("value " + GenServer.call(pid, Scripted.VALUE));
    }

    static void callExitCarriesRequest() {
        Pid pid = Scripted.start(spec("w").named("conf_slow"));
        String result;
        try {
            Scripted.call(new Name("conf_slow"), (from, s) -> {
                sleep(200);
                return reply("ok", s);
            }, 50);
            result = "returned";
        } catch (CallTimeoutException timeout) {
            // The pattern {:timeout, {GenServer, :call, [dest, _request, ms]}} of the Elixir twin.
            result = switch (timeout.reason()) {
                case Reason.Other(CallExit(String why, Mfa(String module, String function, List<?> args)))
                        when why.equals("timeout") && args.size() == 3 ->
                        "{" + why + ",{" + module + "," + function + ",[" + term(args.get(0)) + ",request," + term(args.get(2)) + "]}}";
                default -> "other " + Terms.norm(timeout);
            };
        }
        line("exit " + result);
        GenServer.stop(pid);
    }
}
