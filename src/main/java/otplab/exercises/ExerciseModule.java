package otplab.exercises;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import otp.config.ConfigException;
import otp.config.Env;
import otp.config.RuntimeConfig;
import otp.config.Setting;
import otplab.course.Exercise;
import otplab.grader.Grader;
import otplab.grader.GradingWorkerLauncher;
import otplab.jvm.Workers;
import otplab.store.SubmissionStore;
import otplab.web.Assets;
import otplab.web.HttpProblem;
import otplab.web.ServerConfig;
import otplab.web.ServerContext;
import otplab.web.WebModule;

/**
 * Plugs practice exercises into the course server: {@code /exercises/{slug}} pages, the
 * exercise API ({@code /api/exercises}, {@code .../test}, {@code .../submit},
 * {@code /api/me/submissions}), learner tokens, the learner's lesson progress ({@link LessonProgress}:
 * {@code /api/me/progress}) and the instructor view. Gradings run in the
 * sandboxed workers of the floor the notebook runner stands on too, counted against its permits; the store is closed when
 * the server stops.
 *
 * <pre>{@code
 * CourseServer.create(config -> ExerciseModule.addTo(RunnerModule.addTo(config, runner), workers, store, env));
 * }</pre>
 */
public final class ExerciseModule implements WebModule {
    private static final String ENV_MODE = "OTP_LAB_ENV";
    private final Workers workers;
    private final SubmissionStore store;
    private final Optional<String> instructorToken;
    private Grader grader;
    /** Read without the lock by /healthz, which must not wait while the first grader is built. */
    private volatile GradingWorkerLauncher launcher;
    private boolean stopped;

    private ExerciseModule(Workers workers, SubmissionStore store, Optional<String> instructorToken) {
        this.workers = Objects.requireNonNull(workers, "workers must not be null");
        this.store = Objects.requireNonNull(store, "store must not be null");
        this.instructorToken = Objects.requireNonNull(instructorToken, "instructorToken must not be null");
    }

    /** Adds the exercise pages and API; {@code env} supplies {@code INSTRUCTOR_TOKEN} (absent: the instructor view is off). */
    public static ServerConfig.Builder addTo(ServerConfig.Builder config, Workers workers, SubmissionStore store, Map<String, String> env) {
        Objects.requireNonNull(config, "config must not be null");
        Objects.requireNonNull(env, "env must not be null");
        ExerciseModule module = new ExerciseModule(workers, store, instructorToken(env));
        return config.module(module).health("grading", module::health);
    }

    /** Pages report cells that ran and show the learner's progress ({@link LessonProgress}) only where this module is. */
    @Override
    public java.util.Set<String> pageFeatures() {
        return java.util.Set.of(LessonProgress.PAGE_FEATURE);
    }

    /** {@code INSTRUCTOR_TOKEN} through {@code otp.config}: blank counts as unset, which leaves the instructor view off. */
    private static Optional<String> instructorToken(Map<String, String> env) {
        Setting<String> token = Setting.string(InstructorView.ENV_TOKEN);
        try {
            return RuntimeConfig.of(ENV_MODE, token).load(Env.of(env)).find(token);
        } catch (ConfigException badSetting) {
            throw new IllegalArgumentException(badSetting.getMessage(), badSetting);
        }
    }

    @Override
    public void install(JavalinConfig javalin, ServerContext context) {
        Exercises exercises = new Exercises(context.catalog());
        ExercisePage page = new ExercisePage(context.pages(), Assets.fromClasspath());
        Supplier<Grader> graders = this::grader;
        LearnerToken learners = new LearnerToken(context.config().secretKeyBase());
        javalin.routes.before(ctx -> {
            if (!ctx.path().startsWith(Assets.URL_PREFIX + "/")) {
                learners.ensure(ctx);
            }
        });
        new ExerciseRoutes(exercises, workers, graders, store, context.json(), new GradingMetrics(context.metrics(), this::readySpares)).install(javalin);
        javalin.routes.get("/exercises/{slug}", ctx -> exercisePage(ctx, exercises, page, context));
        new InstructorView(instructorToken, store, exercises, context.pages()).install(javalin);
        new LessonProgress(context.catalog(), store).install(javalin);
        new LearnerName(store, context.json()).install(javalin);
        javalin.events.serverStopped(store::close);
        javalin.events.serverStopped(this::closeGrader);
    }

    private void exercisePage(Context ctx, Exercises exercises, ExercisePage page, ServerContext context) {
        String slug = ctx.pathParam("slug");
        var exercise = exercises.find(slug).orElseThrow(() -> HttpProblem.notFound(Exercises.noSuchExercise(slug)));
        ctx.contentType("text/html; charset=utf-8").result(page.render(exercise, context.catalog().current()));
        prepareGrader(exercise);
    }

    /** A learner reading an exercise is likely to submit soon: have a grading worker warm for it by then. */
    private void prepareGrader(Exercise exercise) {
        Thread.ofVirtual().name("otplab-grader-prepare").start(() -> {
            Grader prepared;
            synchronized (this) {
                if (stopped) {
                    return;
                }
                prepared = grader();
            }
            prepared.prepare(exercise);
        });
    }

    /** The grading launcher probes the sandbox and worker image once, on the first grading. */
    private synchronized Grader grader() {
        if (grader == null) {
            launcher = GradingWorkerLauncher.builder(workers)
                    .warmUpGradings(GradingWorkerLauncher.INTERACTIVE_WARM_UPS)
                    .build();
            grader = Grader.create(launcher);
        }
        return grader;
    }

    /** Whether a grading worker waits for the next Submit; nothing is started to answer. */
    private Map<String, Object> health() {
        GradingWorkerLauncher current = launcher;
        return Map.of("started", current != null,
                "readySpares", current == null ? 0 : current.readySpares(),
                "warmUpGradings", GradingWorkerLauncher.INTERACTIVE_WARM_UPS);
    }

    private int readySpares() {
        GradingWorkerLauncher current = launcher;
        return current == null ? 0 : current.readySpares();
    }

    /** The spare grading workers end with the server. */
    private synchronized void closeGrader() {
        stopped = true;
        if (launcher != null) {
            launcher.close();
        }
    }
}
