package otplab.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Apache Pekko typed actors, used the way their documentation shows: {@code ask} for a call
 * from outside an actor, {@code tell} for casts, children spawned by a parent actor, and
 * restarts by {@code Behaviors.supervise(...).onFailure(restart)}. Default dispatcher.
 */
final class Pekko implements Contender {
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(Loops.MAX_WAIT_SECONDS);
    private static final Config QUIET = ConfigFactory.parseString("""
            pekko.loglevel = "WARNING"
            pekko.stdout-loglevel = "WARNING"
            pekko.log-dead-letters = off
            pekko.log-dead-letters-during-shutdown = off
            """).withFallback(ConfigFactory.load());

    static {
        // Pekko logs its logger's start at INFO through slf4j-simple; the bench output is a table.
        // Initialising slf4j here, on one thread, keeps it from replaying calls made while Pekko's
        // threads raced to initialise it.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.pekko", "warn");
        org.slf4j.LoggerFactory.getILoggerFactory();
    }

    private final ActorSystem<SpawnProtocol.Command> system =
            ActorSystem.create(SpawnProtocol.create(), "otplab-bench", QUIET);
    private final AtomicInteger names = new AtomicInteger();

    record Call(int n, ActorRef<Integer> replyTo) {}

    sealed interface CounterMessage {}

    enum Increment implements CounterMessage { INSTANCE }

    record GetCount(ActorRef<Integer> replyTo) implements CounterMessage {}

    sealed interface ChildMessage {}

    enum Crash implements ChildMessage { INSTANCE }

    record Ping(ActorRef<Integer> replyTo) implements ChildMessage {}

    sealed interface NodeMessage {}

    record SetNext(ActorRef<NodeMessage> next) implements NodeMessage {}

    record Token(int hops) implements NodeMessage {}

    sealed interface ParentMessage {}

    record SpawnAll<T>(int count, Supplier<Behavior<T>> child, CompletableFuture<List<ActorRef<T>>> spawned)
            implements ParentMessage {}

    record StopAll(CompletableFuture<Void> stopped) implements ParentMessage {}

    @Override
    public String name() {
        return "Pekko";
    }

    @Override
    public Loops.Rate calls(long minNanos) throws Exception {
        Family<Call> family = spawnOne(Behaviors.receiveMessage(call -> {
            call.replyTo().tell(call.n() + 1);
            return Behaviors.same();
        }));
        ActorRef<Call> server = family.only();
        try {
            return Loops.inVirtualThread(() -> Loops.repeat(minNanos, () ->
                    this.<Call, Integer>ask(server, replyTo -> new Call(1, replyTo))));
        } finally {
            stop(family);
        }
    }

    @Override
    public long castNanos(int messages) throws Exception {
        Family<CounterMessage> family = spawnOne(Behaviors.setup(context -> {
            int[] count = {0};
            return Behaviors.receiveMessage(message -> {
                switch (message) {
                    case Increment increment -> count[0]++;
                    case GetCount get -> get.replyTo().tell(count[0]);
                }
                return Behaviors.same();
            });
        }));
        ActorRef<CounterMessage> counter = family.only();
        try {
            return Loops.inVirtualThread(() -> {
                long start = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    counter.tell(Increment.INSTANCE);
                }
                int handled = ask(counter, GetCount::new);
                long elapsed = System.nanoTime() - start;
                Loops.check(handled == messages, "Pekko counter handled " + handled + " of " + messages + " casts");
                return elapsed;
            });
        } finally {
            stop(family);
        }
    }

    @Override
    public Population spawnWaiting(int count) throws Exception {
        var started = new CountDownLatch(count);
        Family<Object> family = spawnFamily(count, () -> Behaviors.setup(context -> {
            started.countDown();
            return Behaviors.receiveMessage(message -> Behaviors.stopped());
        }));
        started.await();
        return () -> stop(family);
    }

    @Override
    public Restarts supervisedChild() throws Exception {
        var incarnations = new AtomicInteger();
        Behavior<ChildMessage> child = Behaviors.setup(context -> {
            int incarnation = incarnations.incrementAndGet();
            return Behaviors.receiveMessage(message -> switch (message) {
                case Crash crash -> throw new IllegalStateException("crash requested");
                case Ping ping -> {
                    ping.replyTo().tell(incarnation);
                    yield Behaviors.same();
                }
            });
        });
        Family<ChildMessage> family = spawnOne(Behaviors.supervise(child)
                .onFailure(IllegalStateException.class, SupervisorStrategy.restart().withLoggingEnabled(false)));
        ActorRef<ChildMessage> ref = family.only();
        return new Restarts() {
            @Override
            public long[] crashAndCallAgain(int times) throws Exception {
                return Loops.inVirtualThread(() -> {
                    long[] nanos = new long[times];
                    for (int i = 0; i < times; i++) {
                        int before = incarnations.get();
                        long start = System.nanoTime();
                        ref.tell(Crash.INSTANCE);
                        int answeredBy = ask(ref, Ping::new);
                        nanos[i] = System.nanoTime() - start;
                        Loops.check(answeredBy == before + 1, "Pekko answer came from the wrong incarnation");
                    }
                    return nanos;
                });
            }

            @Override
            public void close() throws Exception {
                stop(family);
            }
        };
    }

    @Override
    public Ring ring(int size) throws Exception {
        var lap = new AtomicReference<CompletableFuture<Void>>();
        Family<NodeMessage> family = spawnFamily(size, () -> Behaviors.setup(context -> {
            List<ActorRef<NodeMessage>> next = new ArrayList<>(1);
            return Behaviors.receiveMessage(message -> {
                switch (message) {
                    case SetNext setNext -> next.add(setNext.next());
                    case Token token when token.hops() == 0 -> lap.get().complete(null);
                    case Token token -> next.getFirst().tell(new Token(token.hops() - 1));
                }
                return Behaviors.same();
            });
        }));
        List<ActorRef<NodeMessage>> nodes = family.children();
        for (int i = 0; i < size; i++) {
            nodes.get(i).tell(new SetNext(nodes.get((i + 1) % size)));
        }
        return new Ring() {
            @Override
            public long lapsNanos(int laps) throws Exception {
                var done = new CompletableFuture<Void>();
                lap.set(done);
                long start = System.nanoTime();
                nodes.getFirst().tell(new Token(laps * size - 1));
                Loops.await(done);
                return System.nanoTime() - start;
            }

            @Override
            public void close() throws Exception {
                stop(family);
            }
        };
    }

    @Override
    public void close() throws Exception {
        system.terminate();
        Loops.await(system.getWhenTerminated().toCompletableFuture());
    }

    /** A parent that spawns children on request and, when stopped, reports after all of them have stopped. */
    private static Behavior<ParentMessage> parent() {
        return Behaviors.setup(context -> {
            List<CompletableFuture<Void>> onStop = new ArrayList<>(1);
            return Behaviors.receive(ParentMessage.class)
                    .onMessage(SpawnAll.class, request -> {
                        spawnAll(context, (SpawnAll<?>) request);
                        return Behaviors.same();
                    })
                    .onMessage(StopAll.class, request -> {
                        onStop.add(request.stopped());
                        return Behaviors.stopped();
                    })
                    .onSignal(PostStop.class, signal -> {
                        onStop.forEach(stopped -> stopped.complete(null));
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    private static <T> void spawnAll(org.apache.pekko.actor.typed.javadsl.ActorContext<ParentMessage> context,
                                     SpawnAll<T> request) {
        List<ActorRef<T>> children = new ArrayList<>(request.count());
        for (int i = 0; i < request.count(); i++) {
            children.add(context.spawnAnonymous(request.child().get()));
        }
        request.spawned().complete(children);
    }

    /** Typed actors stop only from within or by their parent, so every actor here has a parent of its own. */
    private record Family<T>(ActorRef<ParentMessage> parent, List<ActorRef<T>> children) {
        ActorRef<T> only() {
            return children.getFirst();
        }
    }

    private <T> Family<T> spawnFamily(int count, Supplier<Behavior<T>> child) throws Exception {
        String name = "bench-" + names.incrementAndGet();
        ActorRef<ParentMessage> parent = Loops.await(AskPattern.<SpawnProtocol.Command, ActorRef<ParentMessage>>ask(system,
                        replyTo -> new SpawnProtocol.Spawn<>(parent(), name, Props.empty(), replyTo),
                        ASK_TIMEOUT, system.scheduler())
                .toCompletableFuture());
        var spawned = new CompletableFuture<List<ActorRef<T>>>();
        parent.tell(new SpawnAll<>(count, child, spawned));
        return new Family<>(parent, Loops.await(spawned));
    }

    private <Q, R> R ask(ActorRef<Q> target, org.apache.pekko.japi.function.Function<ActorRef<R>, Q> request)
            throws Exception {
        return Loops.await(AskPattern.ask(target, request, ASK_TIMEOUT, system.scheduler()).toCompletableFuture());
    }

    private <T> Family<T> spawnOne(Behavior<T> behavior) throws Exception {
        return spawnFamily(1, () -> behavior);
    }

    private static void stop(Family<?> family) throws Exception {
        var stopped = new CompletableFuture<Void>();
        family.parent().tell(new StopAll(stopped));
        Loops.await(stopped);
    }
}
