package otplab.cli;

import io.javalin.util.JavalinBindException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import otplab.exercises.ExerciseModule;
import otplab.jvm.WorkerSettings;
import otplab.jvm.Workers;
import otplab.runner.Runner;
import otplab.runner.RunnerModule;
import otplab.store.StoreException;
import otplab.store.SubmissionStore;
import otplab.web.CourseServer;
import otplab.web.ServerConfig;
import sun.misc.Signal;

/** {@code ./otplab serve}: runs the course server until the process is stopped (Ctrl+C). */
final class ServeCommand {
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 3;
    /** The launcher's argument for the server's AOT training run. */
    static final String TRAIN_AOT = "--train-aot";
    /** Set by a release's launcher: the release refuses to start without {@code SECRET_KEY_BASE}. */
    static final String RELEASE_PROPERTY = "otplab.release";
    /** Signals that stop the server in order: {@code kill} (and a release's {@code stop}) and Ctrl+C. */
    private static final List<String> STOP_SIGNALS = List.of("TERM", "INT");

    private ServeCommand() {}

    static int run(Map<String, String> env, Path home, PrintStream out, PrintStream err) {
        return run(env, home, out, err, false);
    }

    /**
     * Serves until stopped; with {@code training}, serves the AOT training run instead (see
     * {@link ServerTraining}) and returns once it is done.
     */
    static int run(Map<String, String> given, Path home, PrintStream out, PrintStream err, boolean training) {
        boolean release = Boolean.getBoolean(RELEASE_PROPERTY);
        CourseServer server;
        Workers workers;
        Runner runner;
        SubmissionStore store;
        Map<String, String> env;
        try {
            env = training ? ServerTraining.environment(given) : release ? given : DevSecret.withSecret(given, home);
            // The server's own settings first, so a bad PORT or secret is named before the sandbox probe and the store.
            ServerConfig.builder().environment(env, home).requireSecret(release).build();
            // One floor for every worker JVM of this server: one sandbox probe, one worker image, one set of permits.
            workers = Workers.create(WorkerSettings.builder().environment(env).build());
            runner = Runner.create(workers);
            store = SubmissionStore.fromEnvironment(env, home);
            server = CourseServer.create(config -> ExerciseModule.addTo(
                    RunnerModule.addTo(config.environment(env, home).requireSecret(release), runner), workers, store, env));
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException badSetting) {
            err.println("otplab serve: " + badSetting.getMessage());
            return EXIT_USAGE;
        } catch (StoreException noDatabase) {
            err.println("otplab serve: " + noDatabase.getMessage());
            return EXIT_FAILED;
        }
        ServerConfig config = server.config();
        try {
            server.start();
        } catch (JavalinBindException portTaken) {
            err.println("otplab serve: cannot listen on " + config.host() + ":" + config.port()
                    + " (is another server running there?). Set PORT to use another port.");
            return EXIT_FAILED;
        }
        if (training) {
            return ServerTraining.train(server, out, err);
        }
        CountDownLatch stopRequested = new CountDownLatch(1);
        // SIGTERM and Ctrl+C ask for an orderly stop on this thread (a shutdown hook could not end with exit code 0);
        // the hook remains for any other way the JVM ends.
        for (String name : STOP_SIGNALS) {
            Signal.handle(new Signal(name), signal -> stopRequested.countDown());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "otplab-serve-shutdown"));
        int lessons = server.catalog().current().lessons().size();
        out.println("OTP Lab is serving " + lessons + " lesson" + (lessons == 1 ? "" : "s") + " from "
                + config.lessonsDir() + " at " + server.url());
        out.println(switch (workers.sandbox().mode()) {
            case BUBBLEWRAP -> "Java cells run in sandboxed worker JVMs (bubblewrap): up to " + workers.settings().maxWorkers()
                    + " at once, " + workers.settings().poolSize() + " kept warm.";
            case UNSAFE_NO_SANDBOX -> workers.sandbox().description() + ".";
            case UNAVAILABLE -> "Running Java cells is OFF: " + workers.sandbox().description() + ".";
        });
        out.println("Submissions are kept in " + store.description() + ".");
        out.println(config.authorMode()
                ? "Author mode: open pages reload when lesson files change (OTP_LAB_ENV=prod turns this off). Ctrl+C stops."
                : "Production mode. Ctrl+C or SIGTERM stops, letting running cells finish.");
        out.flush();
        try {
            stopRequested.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        GracefulStop.run(server, workers.gate(), config.shutdownGrace(), out);
        return 0;
    }
}
