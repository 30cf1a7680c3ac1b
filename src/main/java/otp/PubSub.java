package otp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Topic-based publish/subscribe between processes (Phoenix.PubSub on one node): a process
 * subscribes itself to a topic and then receives every message broadcast on it. A subscriber that
 * exits is removed automatically.
 */
public final class PubSub {
    private static final ConcurrentHashMap<String, Set<Proc>> TOPICS = new ConcurrentHashMap<>();

    private PubSub() {
    }

    /** Subscribes the calling process to topic (subscribing twice is harmless). */
    public static void subscribe(String topic) {
        Objects.requireNonNull(topic, "topic must not be null");
        Proc self = Proc.current();
        if (TOPICS.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(self)) {
            self.onExit(() -> remove(topic, self));
        }
    }

    public static void unsubscribe(String topic) {
        Objects.requireNonNull(topic, "topic must not be null");
        remove(topic, Proc.current());
    }

    /** Sends msg to every live subscriber of topic, the caller included if subscribed. */
    public static void broadcast(String topic, Object msg) {
        send(topic, msg, null);
    }

    /** Like broadcast, but skips the calling process. */
    public static void broadcastFrom(String topic, Object msg) {
        send(topic, msg, Proc.current());
    }

    public static List<Pid> subscribers(String topic) {
        List<Pid> pids = new ArrayList<>();
        Set<Proc> subscribers = TOPICS.get(Objects.requireNonNull(topic, "topic must not be null"));
        if (subscribers != null) {
            subscribers.forEach(p -> {
                if (p.isAlive()) {
                    pids.add(p.pid);
                }
            });
        }
        return pids;
    }

    private static void send(String topic, Object msg, Proc except) {
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(msg, "msg must not be null");
        Set<Proc> subscribers = TOPICS.get(topic);
        if (subscribers == null) {
            return;
        }
        for (Proc subscriber : subscribers) {
            if (!subscriber.isAlive()) {
                subscribers.remove(subscriber);
            } else if (subscriber != except) {
                subscriber.send(msg, null);
            }
        }
    }

    private static void remove(String topic, Proc proc) {
        Set<Proc> subscribers = TOPICS.get(topic);
        if (subscribers != null) {
            subscribers.remove(proc);
        }
    }

    /** Forgets every topic and its subscribers, for {@link NodeTables#clear()}. */
    static void clear() {
        TOPICS.clear();
    }
}
