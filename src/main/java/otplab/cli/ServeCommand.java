package otplab.cli;

import io.javalin.util.JavalinBindException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import otplab.runner.Runner;
import otplab.runner.RunnerModule;
import otplab.web.CourseServer;
import otplab.web.ServerConfig;

/** {@code ./otplab serve}: runs the course server until the process is stopped (Ctrl+C). */
final class ServeCommand {
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 3;

    private ServeCommand() {}

    static int run(Map<String, String> env, Path home, PrintStream out, PrintStream err) {
        CourseServer server;
        Runner runner;
        try {
            runner = Runner.create(settings -> settings.environment(env));
            server = CourseServer.create(config -> RunnerModule.addTo(config.environment(env, home), runner));
        } catch (IllegalArgumentException | IllegalStateException badSetting) {
            err.println("otplab serve: " + badSetting.getMessage());
            return EXIT_USAGE;
        }
        ServerConfig config = server.config();
        try {
            server.start();
        } catch (JavalinBindException portTaken) {
            err.println("otplab serve: cannot listen on " + config.host() + ":" + config.port()
                    + " (is another server running there?). Set PORT to use another port.");
            return EXIT_FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "otplab-serve-shutdown"));
        int lessons = server.catalog().current().lessons().size();
        out.println("OTP Lab is serving " + lessons + " lesson" + (lessons == 1 ? "" : "s") + " from "
                + config.lessonsDir() + " at " + server.url());
        out.println(switch (runner.sandbox().mode()) {
            case BUBBLEWRAP -> "Java cells run in sandboxed worker JVMs (bubblewrap): up to " + runner.settings().maxWorkers()
                    + " at once, " + runner.settings().poolSize() + " kept warm.";
            case UNSAFE_NO_SANDBOX -> runner.sandbox().description() + ".";
            case UNAVAILABLE -> "Running Java cells is OFF: " + runner.sandbox().description() + ".";
        });
        out.println(config.authorMode()
                ? "Author mode: open pages reload when lesson files change (OTP_LAB_ENV=prod turns this off). Ctrl+C stops."
                : "Production mode. Ctrl+C stops.");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
