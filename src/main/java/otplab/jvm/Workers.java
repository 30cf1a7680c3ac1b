package otplab.jvm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import otplab.protocol.WorkerRole;

/**
 * The floor every sandboxed worker JVM stands on, built once per process (in {@code serve}: by
 * {@code ServeCommand}, then handed to the notebook runner and the exercise feature): the
 * settings, the sandbox probed once, the worker image prepared once, and the permits all workers
 * share. Pools and single workers start from here.
 *
 * <pre>{@code
 * Workers workers = Workers.create(WorkerSettings.defaults());
 * workers.prepare();
 * try (WorkerPool pool = workers.pool("runner", WorkerPool.spec(WorkerRole.NOTEBOOK).size(2))) { ... }
 * }</pre>
 */
public final class Workers {
    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);

    private final WorkerSettings settings;
    private final Sandbox sandbox;
    private final WorkerPermits permits;
    private final RunGate gate = new RunGate();
    private volatile WorkerImage image;
    private boolean prepared;

    private Workers(WorkerSettings settings) {
        this.settings = settings;
        this.sandbox = Sandbox.detect(settings);
        this.permits = new WorkerPermits(settings);
    }

    /** Probes the sandbox (once, here); {@link #prepare()} readies the image next. */
    public static Workers create(WorkerSettings settings) {
        return new Workers(Objects.requireNonNull(settings, "settings must not be null"));
    }

    /**
     * Prepares the worker image (its AOT cache) once; a second call does nothing. False when the
     * sandbox is unavailable, so no worker can start.
     */
    public synchronized boolean prepare() {
        if (!prepared) {
            prepared = true;
            if (sandbox.mode() != Sandbox.Mode.BUBBLEWRAP) {
                LOG.warn(sandbox.description());
            }
            if (sandbox.mode() != Sandbox.Mode.UNAVAILABLE) {
                image = WorkerImage.prepare(settings);
            }
        }
        return image != null;
    }

    /** The prepared image; empty before {@link #prepare()} or without a sandbox. */
    public Optional<WorkerImage> image() {
        return Optional.ofNullable(image);
    }

    public WorkerSettings settings() {
        return settings;
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    public WorkerPermits permits() {
        return permits;
    }

    /** The door runs and gradings pass through; closed when the server starts to stop. */
    public RunGate gate() {
        return gate;
    }

    /** Starts one worker in {@code role} under {@code runRoot}; the image must be prepared. */
    public WorkerConnection start(WorkerRole role, Path runRoot, Consumer<WorkerConnection> onDeath) throws IOException {
        WorkerImage ready = image;
        if (ready == null) {
            throw new IOException("no worker can start: " + (sandbox.mode() == Sandbox.Mode.UNAVAILABLE
                    ? sandbox.description() : "the worker image is not prepared"));
        }
        return WorkerConnection.start(settings, sandbox, ready, runRoot, role, onDeath);
    }

    /** A pool of pre-started single-use workers; it fills when {@link WorkerPool#prepare()} is first called. */
    public WorkerPool pool(String owner, WorkerPool.Spec spec) {
        return new WorkerPool(this, owner, spec);
    }
}
