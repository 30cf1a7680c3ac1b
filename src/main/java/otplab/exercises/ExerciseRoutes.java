package otplab.exercises;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import otplab.course.Exercise;
import otplab.grader.Grader;
import otplab.grader.ResultsDocument;
import otplab.jvm.RunGate;
import otplab.jvm.ShuttingDownException;
import otplab.jvm.Workers;
import otplab.jvm.WorkersBusyException;
import otplab.protocol.SourceFile;
import otplab.store.Progress;
import otplab.store.Submission;
import otplab.store.SubmissionStore;
import otplab.web.HttpProblem;

/**
 * The exercise API: the list, one exercise (what a browser may see of it), "Run tests",
 * "Submit" and the learner's own history. Gradings run in sandboxed workers under the floor's
 * worker permits; each is recorded for the learner who sent it.
 */
final class ExerciseRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ExerciseRoutes.class);
    static final String BUSY = "Every grading worker is busy; try again in a moment.";
    /** Gradings wait for a worker in their learner's own line (round-robin with every other line), apart from their runs. */
    private static final String GRADING_LINE = "grading:";
    /** When to try again after a grading gave up waiting for a worker without an estimate. */
    private static final long RETRY_AFTER_SECONDS = 5;

    private final Exercises exercises;
    private final Workers workers;
    private final Supplier<Grader> grader;
    private final SubmissionStore store;
    private final ObjectMapper json;
    private final GradingMetrics metrics;

    ExerciseRoutes(Exercises exercises, Workers workers, Supplier<Grader> grader, SubmissionStore store, ObjectMapper json,
                   GradingMetrics metrics) {
        this.metrics = metrics;
        this.exercises = exercises;
        this.workers = workers;
        this.grader = grader;
        this.store = store;
        this.json = json;
    }

    void install(JavalinConfig config) {
        config.routes.get("/api/exercises", this::list);
        config.routes.get("/api/exercises/{slug}", this::one);
        config.routes.post("/api/exercises/{slug}/test", ctx -> grade(ctx, Grader.Scope.VISIBLE));
        config.routes.post("/api/exercises/{slug}/submit", ctx -> grade(ctx, Grader.Scope.ALL));
        config.routes.get("/api/me/submissions", this::history);
    }

    private Exercise exercise(Context ctx) {
        String slug = ctx.pathParam("slug");
        return exercises.find(slug).orElseThrow(() -> HttpProblem.notFound(Exercises.noSuchExercise(slug)));
    }

    private void list(Context ctx) {
        Map<String, Progress> progress = fromStore(() -> store.progress(LearnerToken.of(ctx)));
        ctx.json(exercises.all().stream().map(e -> {
            Map<String, Object> out = summary(e);
            Progress p = progress.get(e.slug());
            out.put("submissions", p == null ? 0 : p.submissions());
            out.put("completed", p != null && p.completed());
            out.put("bestScore", p == null ? 0 : p.bestScore());
            return out;
        }).toList());
    }

    static Map<String, Object> summary(Exercise e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("slug", e.slug());
        out.put("title", e.title());
        out.put("lesson", e.lesson());
        out.put("difficulty", e.difficulty().name().toLowerCase(java.util.Locale.ROOT));
        out.put("points", e.points());
        out.put("url", "/exercises/" + e.slug());
        out.put("tasks", e.tasks().stream().map(t -> Map.of("number", t.number(), "title", t.title())).toList());
        return out;
    }

    /** What a browser may see of an exercise: never the reference solution or the hidden tests. */
    private void one(Context ctx) {
        Exercise e = exercise(ctx);
        Map<String, Object> out = summary(e);
        out.put("hints", e.hints());
        out.put("files", files(e.starter()));
        out.put("visibleTests", files(e.visibleTests()));
        out.put("hiddenTests", e.hiddenTests().size());
        ctx.json(out);
    }

    private static Map<String, String> files(List<SourceFile> files) {
        Map<String, String> out = new LinkedHashMap<>();
        files.forEach(f -> out.put(f.name(), f.content()));
        return out;
    }

    private void grade(Context ctx, Grader.Scope scope) throws JsonProcessingException {
        Exercise exercise = exercise(ctx);
        Map<String, String> files = SubmissionRequest.parse(ctx.bodyAsBytes(), exercise, json);
        String learner = LearnerToken.of(ctx);
        long started = System.nanoTime();
        // The pass is held until the grading is recorded, so a stopping server keeps every submission it accepted.
        try (RunGate.Pass pass = workers.gate().enter()) {
            // One line per learner for gradings: ten submits in a row wait behind each other, not in front of other learners.
            ResultsDocument results = workers.permits().with(GRADING_LINE + learner,
                    () -> grader.get().grade(exercise, SubmissionRequest.sources(files), scope));
            metrics.graded(results.status().word(), started);
            record(ctx, exercise, scope, files, learner, results);
        } catch (ShuttingDownException stopping) {
            metrics.refused(stopping);
            ctx.status(503).json(Map.of("error", stopping.getMessage()));
        } catch (WorkersBusyException busy) {
            metrics.refused(busy);
            // Where the grading stood when it gave up, and when to come back: never a bare 503.
            Map<String, Object> answer = new LinkedHashMap<>(Map.of("error", BUSY));
            busy.place().ifPresent(place -> {
                answer.put("position", place.position());
                answer.put("waiting", place.waiting());
            });
            ctx.header("Retry-After", Long.toString(busy.place().map(place -> place.estimateSeconds()).orElse(RETRY_AFTER_SECONDS)));
            ctx.status(503).json(answer);
        }
    }

    private void record(Context ctx, Exercise exercise, Grader.Scope scope, Map<String, String> files, String learner,
                        ResultsDocument results) throws JsonProcessingException {
        String document = json.writeValueAsString(results);
        try {
            store.record(new Submission(0, learner, exercise.slug(),
                    scope == Grader.Scope.ALL ? Submission.Kind.SUBMIT : Submission.Kind.TEST, results.status().word(),
                    results.score(), (int) results.passedCount(), results.tests().size(), files, document, Instant.now()));
        } catch (RuntimeException notRecorded) {
            // The learner still gets the results; only the history misses this one.
            metrics.storeFailed();
            LOG.error("a grading of {} could not be recorded", exercise.slug(), notRecorded);
        }
        ctx.contentType("application/json").result(document);
    }

    private void history(Context ctx) {
        String slug = ctx.queryParam("exercise");
        if (slug != null && exercises.find(slug).isEmpty()) {
            throw HttpProblem.notFound(Exercises.noSuchExercise(slug));
        }
        List<Map<String, Object>> out = fromStore(() -> store.history(LearnerToken.of(ctx), slug)).stream().map(s -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", s.id());
            item.put("exercise", s.exercise());
            item.put("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
            item.put("status", s.status());
            item.put("score", s.score());
            item.put("passed", s.passed());
            item.put("total", s.total());
            item.put("submittedAt", s.createdAt().toString());
            item.put("files", s.files());
            item.put("results", readTree(s.resultsJson()));
            return item;
        }).toList();
        ctx.json(out);
    }

    /** A read from the store, counted on {@code /metrics} when it fails (the failure still answers 500). */
    private <T> T fromStore(Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException failed) {
            metrics.storeFailed();
            throw failed;
        }
    }

    private Object readTree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            LOG.warn("a stored results document is unreadable: {}", e.getMessage());
            return null;
        }
    }
}
