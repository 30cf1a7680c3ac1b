package otp;

import java.util.Objects;
import otp.GenServer.CallResult;
import otp.GenServer.Init;
import otp.GenServer.Next;

/**
 * The engine behind {@link GenServer}: the start handshake (proc_lib's init_ack), the receive loop
 * dispatching calls, casts and info messages, and termination, following gen_server.erl.
 */
final class ServerLoop<A, S> {
    /** The server's receive matches every message except replies to calls the server itself makes. */
    private static final Mailbox.Matcher SERVER_MESSAGES = (msg, tag) -> !(tag instanceof Ref);

    private sealed interface StartAck permits Started, Ignored, Failed, NameTaken {}

    private record Started() implements StartAck {}

    private record Ignored() implements StartAck {}

    private record Failed(Reason reason) implements StartAck {}

    private record NameTaken(Object name, Pid owner) implements StartAck {}

    private final GenServer<A, S> server;
    private final Proc self;
    /** The starter when started with a link: its exit signal, trapped, runs terminate (gen_server's Parent). */
    private final Proc parent;
    private Object lastMessage;

    private ServerLoop(GenServer<A, S> server, Proc self, Proc parent) {
        this.server = server;
        this.self = self;
        this.parent = parent;
    }

    // ---- start --------------------------------------------------------------------------------

    static <A, S> Pid start(GenServer<A, S> server, A arg, ServerName name, boolean link) {
        Objects.requireNonNull(server, "server must not be null");
        Proc starter = Proc.current();
        // gen.erl looks the name up before it spawns: a taken name spawns nothing, so no process
        // exits and no EXIT reaches a trapping caller. The check in enter covers a racing start.
        Proc holder = name == null ? null : Resolve.liveProc((ServerRef) name);
        if (holder != null) {
            throw new StartFailedException(name, holder.pid);
        }
        Ref ack = new Ref(starter, null);
        Proc[] created = new Proc[1];
        Proc child = Proc.create(() -> new ServerLoop<>(server, created[0], link ? starter : null)
                .enter(arg, name, starter, ack), starter);
        created[0] = child;
        if (link && (!starter.addLink(child) || !child.addLink(starter))) {
            starter.unwindAfterExit();
        }
        Ref monitor = Process.monitor(starter, child);
        child.start(link);
        Mailbox box = starter.mailbox;
        box.receive(starter, (msg, tag) -> tag == ack || (msg instanceof Down down && down.ref() == monitor), -1L);
        Object reply = box.foundMsg;
        box.foundMsg = null;
        box.foundTag = null;
        Proc.cancelMonitor(starter, monitor, true);
        if (reply instanceof Down down) {
            throw new StartFailedException(down.reason());
        }
        return switch ((StartAck) reply) {
            case Started started -> child.pid;
            case Ignored ignored -> null;
            case Failed failed -> throw new StartFailedException(failed.reason());
            case NameTaken taken -> throw new StartFailedException(taken.name(), taken.owner());
        };
    }

    private void enter(A arg, ServerName name, Proc starter, Ref ack) {
        self.behaviour = behaviourOf(server);
        if (name != null) {
            try {
                switch (name) {
                    case Name local -> Names.register(local.value(), self);
                    case Registry.Via via -> Registry.registerName(via, self);
                    case GlobalName global -> Global.claim(global.value(), self);
                }
            } catch (AlreadyRegisteredException e) {
                starter.send(new NameTaken(name, e.owner()), ack);
                return;
            }
        }
        Init<S> init;
        try {
            init = server.init(arg);
        } catch (ProcessKilled killed) {
            throw killed;
        } catch (GenServer.Throw thrown) {
            init = thrownInit(thrown, name, starter, ack);
        } catch (ExitException exit) {
            unregister(name);
            starter.send(new Failed(exit.reason()), ack);
            throw exit;
        } catch (Throwable crash) {
            Reason reason = Reason.exception(crash);
            Log.error("GenServer " + self.describe() + " failed in init: " + Log.describe(crash));
            unregister(name);
            starter.send(new Failed(reason), ack);
            throw new ExitException(reason);
        }
        switch (init) {
            case GenServer.Ok<S> ok -> {
                starter.send(new Started(), ack);
                loop(ok.state(), ok.next());
            }
            case GenServer.Ignore<S> ignore -> {
                unregister(name);
                starter.send(new Ignored(), ack);
            }
            case GenServer.InitStop<S> stop -> {
                unregister(name);
                starter.send(new Failed(stop.reason()), ack);
                throw new ExitException(stop.reason());
            }
            case null -> {
                Reason reason = Reason.badReturn(null);
                unregister(name);
                starter.send(new Failed(reason), ack);
                throw new ExitException(reason);
            }
        }
    }

    /** The name an observer shows: the learner's class, or the framework behaviour a class of ours implements. */
    private static String behaviourOf(GenServer<?, ?> server) {
        Class<?> type = server.getClass();
        Class<?> outer = type.getEnclosingClass();
        if (type == SupervisorServer.class) {
            return "Supervisor";
        }
        if (outer != null && type.getPackageName().equals(ServerLoop.class.getPackageName())) {
            return outer.getSimpleName();
        }
        String simple = type.getSimpleName();
        return simple.isEmpty() ? "GenServer" : simple;
    }

    @SuppressWarnings("unchecked")
    private Init<S> thrownInit(GenServer.Throw thrown, ServerName name, Proc starter, Ref ack) {
        if (thrown.result() instanceof Init<?> init) {
            return (Init<S>) init;
        }
        Reason reason = Reason.badReturn(thrown.result());
        unregister(name);
        starter.send(new Failed(reason), ack);
        throw new ExitException(reason);
    }

    /**
     * A server that will not run gives its name up before it answers its starter, as gen_server's
     * init_it does, so that once start returns the name is free again (not merely about to be).
     */
    private void unregister(ServerName name) {
        switch (name) {
            case null -> { }
            case Name local -> Names.unregisterOnExit(local.value(), self);
            case Registry.Via via -> Registry.unregisterOnExit(via, self);
            case GlobalName global -> Global.unregisterOnExit(global, self);
        }
    }

    // ---- loop ---------------------------------------------------------------------------------

    private void loop(S state, Next next) {
        Mailbox box = self.mailbox;
        for (;;) {
            if (next instanceof Next.Continue cont) {
                lastMessage = cont;
                NoReplyOrStop<S> result;
                try {
                    result = server.handleContinue(cont.term(), state);
                } catch (ProcessKilled killed) {
                    throw killed;
                } catch (GenServer.Throw thrown) {
                    result = thrownResult(thrown, GenServer.ContinueResult.class, state);
                } catch (Throwable crash) {
                    throw crashed(crash, state);
                }
                GenServer.NoReply<S> r = goOnOrStop(result, state);
                state = r.state();
                next = r.next();
                continue;
            }
            long timeout = next instanceof Next.After after ? Process.toNanos(after.ms()) : -1L;
            Object msg;
            Object tag;
            if (box.receive(self, SERVER_MESSAGES, timeout)) {
                msg = box.foundMsg;
                tag = box.foundTag;
                box.foundMsg = null;
                box.foundTag = null;
            } else {
                msg = Timeout.TIMEOUT;
                tag = null;
            }
            if (tag instanceof From from && msg == Sys.GET_STATE) {
                GenServer.reply(from, state);
                continue;
            }
            lastMessage = msg;
            if (tag instanceof From from) {
                CallResult<S> result;
                try {
                    result = server.handleCall(msg, from, state);
                } catch (ProcessKilled killed) {
                    throw killed;
                } catch (GenServer.Throw thrown) {
                    result = thrownResult(thrown, CallResult.class, state);
                } catch (Throwable crash) {
                    throw crashed(crash, state);
                }
                switch (result) {
                    case GenServer.Reply<S> r -> {
                        GenServer.reply(from, r.reply());
                        state = r.state();
                        next = r.next();
                    }
                    case GenServer.NoReply<S> r -> {
                        state = r.state();
                        next = r.next();
                    }
                    case GenServer.Stop<S> stop -> throw stopping(stop.reason(), stop.state());
                    case GenServer.StopReply<S> stop -> {
                        try {
                            throw stopping(stop.reason(), stop.state());
                        } finally {
                            GenServer.reply(from, stop.reply());
                        }
                    }
                    case null -> throw stopping(Reason.badReturn(null), state);
                }
            } else if (tag == Mailbox.STOP) {
                throw stopping((Reason) msg, state);
            } else if (tag != Mailbox.CAST && parent != null && msg instanceof Exit exit && exit.from() == parent.pid) {
                throw stopping(exit.reason(), state);
            } else {
                NoReplyOrStop<S> result;
                try {
                    result = tag == Mailbox.CAST ? server.handleCast(msg, state) : server.handleInfo(msg, state);
                } catch (ProcessKilled killed) {
                    throw killed;
                } catch (GenServer.Throw thrown) {
                    result = thrownResult(thrown, tag == Mailbox.CAST ? GenServer.CastResult.class : GenServer.InfoResult.class, state);
                } catch (Throwable crash) {
                    throw crashed(crash, state);
                }
                GenServer.NoReply<S> r = goOnOrStop(result, state);
                state = r.state();
                next = r.next();
            }
        }
    }

    /** A value a callback threw as its return (gen_server catches throws); one of the wrong kind is a bad return. */
    @SuppressWarnings("unchecked")
    private <R> R thrownResult(GenServer.Throw thrown, Class<?> expected, S state) {
        Object value = thrown.result();
        if (!expected.isInstance(value)) {
            throw stopping(Reason.badReturn(value), state);
        }
        return (R) value;
    }

    /** After handleCast, handleInfo or handleContinue: the noreply to go on with, or the stop they asked for. */
    private GenServer.NoReply<S> goOnOrStop(NoReplyOrStop<S> result, S state) {
        return switch (result) {
            case GenServer.NoReply<S> r -> r;
            case GenServer.Stop<S> stop -> throw stopping(stop.reason(), stop.state());
            case null -> throw stopping(Reason.badReturn(null), state);
        };
    }

    private ExitException crashed(Throwable crash, S state) {
        Reason reason = crash instanceof ExitException exit ? exit.reason() : Reason.exception(crash);
        return stopping(reason, state);
    }

    /** Runs terminate, reports an abnormal exit like gen_server's error report, and returns the exit to throw. */
    private ExitException stopping(Reason reason, S state) {
        Reason finalReason = reason;
        try {
            server.terminate(reason, state);
        } catch (ProcessKilled killed) {
            throw killed;
        } catch (ExitException exit) {
            finalReason = exit.reason();
        } catch (Throwable crash) {
            finalReason = Reason.exception(crash);
        }
        if (!finalReason.isClean()) {
            Log.error("GenServer " + self.describe() + " (" + server.getClass().getSimpleName() + ") terminating: "
                    + finalReason + "; last message: " + lastMessage);
        }
        return new ExitException(finalReason);
    }

    // ---- client -------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static <R> R call(ServerRef server, Object request, long timeoutMs) {
        Objects.requireNonNull(server, "server must not be null");
        Objects.requireNonNull(request, "request must not be null");
        Proc target = Resolve.proc(server);
        if (target == null) {
            throw new NoProcException(server, Mfa.call(server, request, timeoutMs));
        }
        Proc self = Proc.current();
        if (target == self) {
            throw new CallingSelfException(server);
        }
        Ref ref = new Ref(self, target);
        if (!target.addMonitor(ref)) {
            throw new NoProcException(server, Mfa.call(server, request, timeoutMs));
        }
        if (Trace.messages) {
            Trace.sent(self, target, request, TraceEvent.Delivery.CALL);
        }
        target.mailbox.put(request, new From(self.pid, ref), target.thread);
        Mailbox box = self.mailbox;
        Mailbox.ReplyMatcher awaiting = box.replyMatcher;
        if (awaiting == null) {
            awaiting = new Mailbox.ReplyMatcher();
            box.replyMatcher = awaiting;
        }
        awaiting.ref = ref;
        box.awaitingReply = ref;
        boolean answered;
        try {
            answered = box.receive(self, awaiting, Process.toNanos(timeoutMs));
        } finally {
            box.awaitingReply = null;
            awaiting.ref = null;
        }
        ref.expired = true;
        if (!answered) {
            Proc.cancelMonitor(self, ref, true);
            throw new CallTimeoutException(server, request, timeoutMs);
        }
        Object msg = box.foundMsg;
        box.foundMsg = null;
        box.foundTag = null;
        // A server that replied and then died answered first, as on the BEAM where the reply precedes the DOWN.
        Object reply = ref.reply;
        if (reply != null) {
            Proc.cancelMonitor(self, ref, true);
            return reply == Ref.NULL_REPLY ? null : (R) reply;
        }
        Reason reason = ((Down) msg).reason();
        if (reason instanceof Reason.NoProc) {
            throw new NoProcException(server, Mfa.call(server, request, timeoutMs));
        }
        throw new CalleeExitedException(server, reason, Mfa.call(server, request, timeoutMs));
    }

    static void cast(ServerRef server, Object msg) {
        Objects.requireNonNull(server, "server must not be null");
        Objects.requireNonNull(msg, "msg must not be null");
        Proc target = Resolve.proc(server);
        if (target != null) {
            if (Trace.messages) {
                Trace.sent(Proc.currentOrNull(), target, msg, TraceEvent.Delivery.CAST);
            }
            target.send(msg, Mailbox.CAST);
        }
    }

    static void stop(ServerRef server, Reason reason, long timeoutMs) {
        Objects.requireNonNull(server, "server must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
        Proc target = Resolve.liveProc(server);
        if (target == null) {
            throw new NoProcException(server, Mfa.stop(server, reason, timeoutMs));
        }
        Proc self = Proc.current();
        if (target == self) {
            throw new CallingSelfException(server);
        }
        Ref ref = Process.monitor(self, target);
        target.send(reason, Mailbox.STOP);
        Mailbox box = self.mailbox;
        if (!box.receive(self, (msg, tag) -> msg instanceof Down down && down.ref() == ref, Process.toNanos(timeoutMs))) {
            Proc.cancelMonitor(self, ref, true);
            throw new CallTimeoutException(server, "stop", timeoutMs, Mfa.stop(server, reason, timeoutMs));
        }
        Reason exited = ((Down) box.foundMsg).reason();
        box.foundMsg = null;
        box.foundTag = null;
        if (exited instanceof Reason.NoProc) {
            throw new NoProcException(server, Mfa.stop(server, reason, timeoutMs));
        }
        if (!exited.equals(reason)) {
            throw new CalleeExitedException(server, exited, Mfa.stop(server, reason, timeoutMs));
        }
    }
}
