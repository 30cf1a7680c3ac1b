package otplab.runner;

import io.javalin.config.JavalinConfig;
import java.util.Objects;
import otplab.jvm.Sandbox;
import otplab.web.ServerConfig;
import otplab.web.ServerContext;
import otplab.web.WebModule;

/**
 * Plugs a {@link Runner} into the course server: the run routes, the pool figures under
 * {@value #HEALTH_NAME} in {@code /healthz}, and the runner's life tied to the server's (the
 * pool fills once the server listens; every worker is killed when it stops).
 *
 * <pre>{@code
 * CourseServer.create(config -> RunnerModule.addTo(config.port(7070), Runner.create(s -> s.poolSize(2))));
 * }</pre>
 */
public final class RunnerModule implements WebModule {
    public static final String HEALTH_NAME = "runner";

    private final Runner runner;

    private RunnerModule(Runner runner) {
        this.runner = Objects.requireNonNull(runner, "runner must not be null");
    }

    /** Adds the runner's routes, health figures and lifecycle to a server's configuration. */
    public static ServerConfig.Builder addTo(ServerConfig.Builder config, Runner runner) {
        Objects.requireNonNull(config, "config must not be null");
        RunnerModule module = new RunnerModule(runner);
        return config.module(module).health(HEALTH_NAME, module::health);
    }

    @Override
    public void install(JavalinConfig javalin, ServerContext context) {
        context.shutdown().listen(RunRoutes.register(javalin, runner, RunMetrics.register(context.metrics(), runner)));
        // After Jetty listens: preparing the worker image and forking warm workers must not delay the first page.
        javalin.events.serverStarted(runner::start);
        javalin.events.serverStartFailed(runner::close);
        javalin.events.serverStopped(runner::close);
    }

    /** The pool figures; a runner that refuses runs makes the server report itself degraded, with the reason. */
    private Object health() {
        if (runner.sandbox().mode() == Sandbox.Mode.UNAVAILABLE) {
            throw new IllegalStateException(runner.sandbox().description());
        }
        return runner.health();
    }
}
