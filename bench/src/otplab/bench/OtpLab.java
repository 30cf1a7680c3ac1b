package otplab.bench;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import otp.CalleeExitedException;
import otp.ChildSpec;
import otp.From;
import otp.GenServer;
import otp.Log;
import otp.NoProcException;
import otp.Pid;
import otp.Process;
import otp.Strategy;
import otp.Supervisor;
import otplab.worker.ProcessObserver;

/**
 * OTP Lab's {@code otp} library, written the way a lesson would: GenServers with immutable state,
 * {@code GenServer.call}/{@code cast}, {@code Process.spawn}/{@code send}/{@code receive}, and a
 * one_for_one Supervisor restarting a registered child. Callers are spawned processes.
 */
final class OtpLab implements Contender {
    private static final String STOP = "stop";
    private static final String PING = "ping";
    private static final String COUNT = "count";
    private static final String CRASH = "crash";
    private static final String CHILD_NAME = "bench_restarted_child";
    /** A bench crashes its child a thousand times a second; the supervisor must not give up. */
    private static final int UNLIMITED_RESTARTS = Integer.MAX_VALUE;
    private static final int INTENSITY_PERIOD_SECONDS = 1;

    private record Token(int hops) {}

    /** The lesson page's observer, when this contender measures tracing on; null when tracing is off. */
    private final ProcessObserver observer;

    /** Crash reports are still built, but not printed: 6,500 lines on the terminal would time the terminal. */
    OtpLab() {
        this(null);
    }

    private OtpLab(ProcessObserver observer) {
        this.observer = observer;
        Log.setHandler(line -> { });
    }

    /** OTP Lab with tracing on: the worker's process observer follows every event and builds its snapshots. */
    static OtpLab traced() {
        return new OtpLab(ProcessObserver.start(snapshot -> { }));
    }

    @Override
    public String name() {
        return observer == null ? "OTP Lab" : "OTP Lab, traced";
    }

    /** Answers every call with the number of calls so far. */
    private static final class Echo implements GenServer<Void, Integer> {
        @Override
        public Init<Integer> init(Void arg) {
            return GenServer.ok(0);
        }

        @Override
        public CallResult<Integer> handleCall(Object request, From from, Integer handled) {
            return GenServer.reply(handled + 1, handled + 1);
        }
    }

    /** Counts casts; a call asks for the count. */
    private static final class Counter implements GenServer<Void, Integer> {
        @Override
        public Init<Integer> init(Void arg) {
            return GenServer.ok(0);
        }

        @Override
        public CastResult<Integer> handleCast(Object msg, Integer count) {
            return GenServer.noreply(count + 1);
        }

        @Override
        public CallResult<Integer> handleCall(Object request, From from, Integer count) {
            return GenServer.reply(count, count);
        }
    }

    /** Its state is which start this is; a crash cast ends it with an exception. */
    private record Fragile(AtomicInteger incarnations) implements GenServer<Void, Integer> {
        @Override
        public Init<Integer> init(Void arg) {
            return GenServer.ok(incarnations.incrementAndGet());
        }

        @Override
        public CastResult<Integer> handleCast(Object msg, Integer incarnation) {
            throw new IllegalStateException("crash requested");
        }

        @Override
        public CallResult<Integer> handleCall(Object request, From from, Integer incarnation) {
            return GenServer.reply(incarnation, incarnation);
        }
    }

    @Override
    public Loops.Rate calls(long minNanos) throws Exception {
        return inProcess(() -> {
            Pid server = GenServer.start(new Echo(), null);
            try {
                return Loops.repeat(minNanos, () -> GenServer.call(server, PING));
            } finally {
                GenServer.stop(server);
            }
        });
    }

    @Override
    public long castNanos(int messages) throws Exception {
        return inProcess(() -> {
            Pid server = GenServer.start(new Counter(), null);
            try {
                long start = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    GenServer.cast(server, PING);
                }
                int handled = GenServer.call(server, COUNT, Loops.MAX_WAIT_SECONDS * 1_000);
                long elapsed = System.nanoTime() - start;
                Loops.check(handled == messages, "OTP Lab counter handled " + handled + " of " + messages + " casts");
                return elapsed;
            } finally {
                GenServer.stop(server);
            }
        });
    }

    @Override
    public Population spawnWaiting(int count) throws Exception {
        var started = new CountDownLatch(count);
        var ended = new CountDownLatch(count);
        Pid[] pids = inProcess(() -> {
            Pid[] spawned = new Pid[count];
            for (int i = 0; i < count; i++) {
                spawned[i] = Process.spawn(() -> {
                    started.countDown();
                    Process.receive();
                    ended.countDown();
                });
            }
            return spawned;
        });
        started.await();
        return () -> {
            for (Pid pid : pids) {
                Process.send(pid, STOP);
            }
            ended.await();
        };
    }

    @Override
    public Restarts supervisedChild() throws Exception {
        var incarnations = new AtomicInteger();
        var supervisor = new CompletableFuture<Pid>();
        Pid owner = Process.spawn(() -> {
            supervisor.complete(Supervisor.startLink(List.of(
                            ChildSpec.worker("fragile", () -> GenServer.startLink(new Fragile(incarnations), null, CHILD_NAME))),
                    Supervisor.Flags.builder().strategy(Strategy.ONE_FOR_ONE)
                            .intensity(UNLIMITED_RESTARTS).period(INTENSITY_PERIOD_SECONDS).build()));
            Process.receive();
        });
        Pid sup = Loops.await(supervisor);
        return new Restarts() {
            @Override
            public long[] crashAndCallAgain(int times) throws Exception {
                return inProcess(() -> {
                    long[] nanos = new long[times];
                    for (int i = 0; i < times; i++) {
                        int before = incarnations.get();
                        long start = System.nanoTime();
                        GenServer.cast(CHILD_NAME, CRASH);
                        int answeredBy = callUntilAnswered();
                        nanos[i] = System.nanoTime() - start;
                        Loops.check(answeredBy == before + 1, "OTP Lab answer came from the wrong incarnation");
                    }
                    return nanos;
                });
            }

            @Override
            public void close() throws Exception {
                inProcess(() -> {
                    GenServer.stop(sup);
                    return null;
                });
                Process.send(owner, STOP);
            }
        };
    }

    /** Between the crash and the restart the name is briefly unregistered or names the dying server. */
    private static int callUntilAnswered() {
        while (true) {
            try {
                return GenServer.call(CHILD_NAME, PING);
            } catch (NoProcException | CalleeExitedException notYet) {
                Thread.yield();
            }
        }
    }

    @Override
    public Ring ring(int size) throws Exception {
        var lap = new AtomicReference<CompletableFuture<Void>>();
        var ended = new CountDownLatch(size);
        Pid[] nodes = new Pid[size];
        for (int i = 0; i < size; i++) {
            nodes[i] = Process.spawn(() -> {
                Pid next = Process.receive(Pid.class);
                while (true) {
                    Object message = Process.receive();
                    if (message instanceof Token(int hops)) {
                        if (hops == 0) {
                            lap.get().complete(null);
                        } else {
                            Process.send(next, new Token(hops - 1));
                        }
                    } else {
                        Process.send(next, STOP);
                        ended.countDown();
                        return;
                    }
                }
            });
        }
        for (int i = 0; i < size; i++) {
            Process.send(nodes[i], nodes[(i + 1) % size]);
        }
        return new Ring() {
            @Override
            public long lapsNanos(int laps) throws Exception {
                var done = new CompletableFuture<Void>();
                lap.set(done);
                long start = System.nanoTime();
                Process.send(nodes[0], new Token(laps * size - 1));
                Loops.await(done);
                return System.nanoTime() - start;
            }

            @Override
            public void close() throws Exception {
                Process.send(nodes[0], STOP);
                ended.await();
            }
        };
    }

    @Override
    public void close() {
        if (observer != null) {
            observer.close();
        }
        Log.reset();
    }

    /** Runs body in a spawned process (not an adopted plain thread), as server code would. */
    private static <T> T inProcess(Callable<T> body) throws Exception {
        var result = new CompletableFuture<T>();
        Process.spawn(() -> {
            try {
                result.complete(body.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return Loops.await(result);
    }
}
