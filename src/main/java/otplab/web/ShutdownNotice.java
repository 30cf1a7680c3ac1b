package otplab.web;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who must hear that the server is about to stop: a feature with open pages (the runner's
 * sockets) listens, and {@link CourseServer#announceShutdown} tells every listener once, before
 * the drain, so a learner reads why their next run is refused.
 */
public final class ShutdownNotice {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownNotice.class);

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean announced;

    /** {@code listener} gets the sentence to show open pages. */
    public void listen(Consumer<String> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
    }

    /** Whether the server has started to stop: {@code /healthz} then tells load balancers to send no one new. */
    public boolean announced() {
        return announced;
    }

    void announce(String message) {
        announced = true;
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(message);
            } catch (RuntimeException failure) {
                LOG.warn("a shutdown listener failed", failure);
            }
        }
    }
}
