package otplab.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import otplab.course.Course;
import otplab.course.CourseCatalog;
import otplab.course.CourseWatcher;

/**
 * The OTP Lab web server: the course pages, the JSON API, health and (in author mode) live
 * reload, plus whatever {@link WebModule}s add.
 *
 * <pre>{@code
 * CourseServer server = CourseServer.create(config -> config
 *         .port(7070)
 *         .health("pool", pool::figures)
 *         .module(new RunRoutes(pool)))
 *     .start();
 * }</pre>
 */
public final class CourseServer implements AutoCloseable {
    public static final String API_PREFIX = "/api/";
    private static final Logger LOG = LoggerFactory.getLogger(CourseServer.class);
    public static final String METRICS_PATH = "/metrics";
    /** Longest a stopping server waits for responses already being written. */
    static final Duration RESPONSE_GRACE = Duration.ofSeconds(5);
    /** Prometheus' text exposition format. */
    public static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String INTERNAL_ERROR = "Something went wrong on our side; the details are in the server log.";

    private final ServerConfig config;
    private final ObjectMapper json;
    private final Metrics metrics = new Metrics();
    private final ShutdownNotice shutdown = new ShutdownNotice();
    private CourseCatalog catalog;
    private CourseWatcher watcher;
    private Javalin javalin;
    private long startedAtNanos;

    private CourseServer(ServerConfig config) {
        this.config = config;
        this.json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** Configures a server; nothing runs until {@link #start()}. */
    public static CourseServer create(Consumer<ServerConfig.Builder> configurer) {
        Objects.requireNonNull(configurer, "configurer must not be null");
        ServerConfig.Builder builder = ServerConfig.builder();
        configurer.accept(builder);
        return new CourseServer(builder.build());
    }

    /**
     * Reads the course, binds the port and starts serving.
     *
     * @throws IllegalStateException when already started
     * @throws io.javalin.util.JavalinBindException (a RuntimeException) when the port is taken
     */
    public synchronized CourseServer start() {
        if (javalin != null) {
            throw new IllegalStateException("the server is already started");
        }
        startedAtNanos = System.nanoTime();
        catalog = CourseCatalog.load(config.lessonsDir(), config.exercisesDir());
        Assets assets = Assets.fromClasspath();
        if (!assets.missing().isEmpty()) {
            LOG.warn("the web bundle is missing {} (run ./otplab build); pages show cells as plain code", assets.missing());
        }
        java.util.Set<String> features = new java.util.TreeSet<>();
        config.modules().forEach(module -> features.addAll(module.pageFeatures()));
        Pages pages = new Pages(assets, config.authorMode(), features);
        CourseRoutes courseRoutes = new CourseRoutes(pages, catalog.current());
        LiveReload liveReload = new LiveReload(json);
        catalog.onReload((before, after) -> {
            courseRoutes.courseChanged(after);
            liveReload.courseChanged(before, after);
        });
        ServerContext context = new ServerContext(config, catalog, pages, json, metrics, shutdown);
        javalin = Javalin.create(javalinConfig -> {
            javalinConfig.startup.showJavalinBanner = false;
            javalinConfig.startup.showOldJavalinVersionWarning = false;
            javalinConfig.jetty.host = config.host();
            javalinConfig.jetty.port = config.port();
            // Requests still being answered when the server stops (a grading's results after the drain) are finished,
            // not cut: Javalin hangs its handlers inside this wrapper, and Jetty's stop waits for it.
            javalinConfig.jetty.modifyServer(server -> {
                server.setHandler(new GracefulHandler());
                server.setStopTimeout(RESPONSE_GRACE.toMillis());
            });
            javalinConfig.jsonMapper(new JavalinJackson(json, false));
            javalinConfig.staticFiles.add(files -> {
                files.hostedPath = Assets.URL_PREFIX;
                files.directory = Assets.CLASSPATH_DIR;
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", "public, max-age=31536000, immutable");
            });
            installErrorHandling(javalinConfig, pages);
            courseRoutes.install(javalinConfig);
            javalinConfig.routes.get("/healthz", this::health);
            javalinConfig.routes.get(METRICS_PATH, ctx -> ctx.contentType(METRICS_CONTENT_TYPE).result(metrics.scrape()));
            if (config.authorMode()) {
                liveReload.install(javalinConfig);
            }
            for (WebModule module : config.modules()) {
                module.install(javalinConfig, context);
            }
        });
        javalin.start();
        if (config.authorMode()) {
            try {
                watcher = CourseWatcher.start(catalog);
            } catch (IOException cannotWatch) {
                LOG.warn("live reload is off: cannot watch {}: {}", config.lessonsDir(), cannotWatch.getMessage());
            }
        }
        return this;
    }

    private void installErrorHandling(JavalinConfig javalinConfig, Pages pages) {
        javalinConfig.routes.exception(HttpProblem.class, (problem, ctx) -> respond(ctx, pages, problem.status(), problem.getMessage()));
        javalinConfig.routes.exception(HttpResponseException.class, (problem, ctx) -> {
            int status = problem.getStatus() >= 400 && problem.getStatus() < 500 ? problem.getStatus() : 500;
            respond(ctx, pages, status, status == 404 ? notFoundMessage(ctx) : status == 413 ? TOO_LARGE : problem.getMessage());
        });
        javalinConfig.routes.exception(Exception.class, (failure, ctx) -> {
            LOG.error("request {} {} failed", ctx.method(), ctx.path(), failure);
            respond(ctx, pages, 500, INTERNAL_ERROR);
        });
        javalinConfig.routes.error(404, ctx -> {
            if (ctx.resultInputStream() == null) {
                respond(ctx, pages, 404, notFoundMessage(ctx));
            }
        });
    }

    /** Jetty's bare "Content Too Large" for a body past the server's request limit, in a learner's words. */
    static final String TOO_LARGE = "The request is larger than the server accepts: a code file may hold at most "
            + otplab.course.ExerciseLoader.MAX_FILE_BYTES / 1024 + " KiB; make it smaller and send it again.";

    private static String notFoundMessage(Context ctx) {
        return "There is nothing at `" + ctx.path() + "`.";
    }

    private void respond(Context ctx, Pages pages, int status, String message) {
        ctx.status(status);
        if (ctx.path().startsWith(API_PREFIX) || ctx.path().equals("/healthz")) {
            ctx.json(Map.of("error", message));
        } else {
            String title = status == 404 ? "Page not found" : status >= 500 ? "Something went wrong" : "Request refused";
            ctx.contentType(CourseRoutes.HTML).result(pages.problem(status, title, message).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("uptimeMs", (System.nanoTime() - startedAtNanos) / 1_000_000);
        Course course = catalog.current();
        body.put("course", Map.of("lessons", course.lessons().size(), "problems", course.problems().size()));
        boolean degraded = false;
        for (Map.Entry<String, HealthContributor> entry : config.health().entrySet()) {
            try {
                body.put(entry.getKey(), entry.getValue().health());
            } catch (Exception failure) {
                LOG.warn("health contributor '{}' failed", entry.getKey(), failure);
                body.put(entry.getKey(), Map.of("status", "down", "error", String.valueOf(failure.getMessage())));
                degraded = true;
            }
        }
        if (shutdown.announced()) {
            // A load balancer's check fails, so new learners go to another instance while this one drains.
            body.put("status", "stopping");
            ctx.status(503);
        } else if (degraded) {
            body.put("status", "degraded");
            ctx.status(503);
        }
        ctx.json(body);
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        requireStarted();
        return javalin.port();
    }

    /** The address to open in a browser, e.g. {@code http://127.0.0.1:7070/}. */
    public String url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port() + "/";
    }

    public ServerConfig config() {
        return config;
    }

    /** The registry behind {@code /metrics}; modules reach it through {@link ServerContext#metrics()}. */
    public Metrics metrics() {
        return metrics;
    }

    /** Tells every open page that listens (see {@link ShutdownNotice}) that the server is about to stop. */
    public void announceShutdown(String message) {
        shutdown.announce(Objects.requireNonNull(message, "message must not be null"));
    }

    public CourseCatalog catalog() {
        requireStarted();
        return catalog;
    }

    private void requireStarted() {
        if (javalin == null) {
            throw new IllegalStateException("the server is not started");
        }
    }

    /** Stops serving and watching; safe to call twice. */
    public synchronized void stop() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        if (javalin != null) {
            javalin.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
