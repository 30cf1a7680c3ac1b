package otplab.exercises;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import otp.web.Html.Safe;
import otplab.store.ExerciseStats;
import otplab.store.Submission;
import otplab.store.SubmissionStore;
import otplab.web.Html;
import otplab.web.HttpProblem;
import otplab.web.Pages;

/**
 * {@code /instructor}: pass rates per exercise and every submission (learners by the name they
 * chose, else a pseudonym), {@code /instructor/submissions/{id}} (a submission's files and each
 * test's result), {@code /instructor/submissions.csv} and {@code /instructor/progress.csv} (one row
 * per learner and exercise). Needs {@code INSTRUCTOR_TOKEN}: sent as
 * {@code Authorization: Bearer <token>} (scripts) or typed once into the sign-in form, which
 * leaves an HttpOnly cookie holding the token's SHA-256. Without the variable the view is off.
 */
final class InstructorView {
    static final String ENV_TOKEN = "INSTRUCTOR_TOKEN";
    static final String COOKIE = "otplab_instructor";
    static final String DISABLED = "The instructor view is off. Start the server with INSTRUCTOR_TOKEN set to a secret"
            + " of your choice (e.g. `INSTRUCTOR_TOKEN=... ./otplab serve`), then sign in here with it.";
    private static final int COOKIE_MAX_AGE_SECONDS = 12 * 3600;

    private final Optional<String> token;
    private final SubmissionStore store;
    private final Exercises exercises;
    private final Pages pages;

    InstructorView(Optional<String> token, SubmissionStore store, Exercises exercises, Pages pages) {
        this.token = token.filter(t -> !t.isBlank());
        this.store = store;
        this.exercises = exercises;
        this.pages = pages;
    }

    void install(JavalinConfig config) {
        config.routes.get("/instructor", this::page);
        config.routes.post("/instructor", this::signIn);
        config.routes.get("/instructor/submissions.csv", this::csv);
        config.routes.get("/instructor/progress.csv", this::progressCsv);
        config.routes.get("/instructor/submissions/{id}", this::submission);
    }

    private enum Access { GRANTED, NONE, WRONG }

    private Access access(Context ctx) {
        String expected = token.orElseThrow(() -> new HttpProblem(403, DISABLED));
        String header = ctx.header("Authorization");
        if (header != null && header.startsWith("Bearer ")) {
            return same(header.substring("Bearer ".length()).strip(), expected) ? Access.GRANTED : Access.WRONG;
        }
        String cookie = ctx.cookie(COOKIE);
        if (cookie != null) {
            return same(cookie, LearnerToken.sha256(expected)) ? Access.GRANTED : Access.WRONG;
        }
        return Access.NONE;
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private void page(Context ctx) {
        switch (access(ctx)) {
            case GRANTED -> html(ctx, 200, dashboard());
            case NONE -> html(ctx, 401, signInForm(null));
            case WRONG -> html(ctx, 403, signInForm("That instructor token is not right."));
        }
    }

    private void signIn(Context ctx) {
        String expected = token.orElseThrow(() -> new HttpProblem(403, DISABLED));
        String given = Optional.ofNullable(ctx.formParam("token")).orElse("").strip();
        if (!same(given, expected)) {
            html(ctx, 403, signInForm("That instructor token is not right."));
            return;
        }
        Cookie cookie = new Cookie(COOKIE, LearnerToken.sha256(expected));
        cookie.setPath("/instructor");
        cookie.setMaxAge(COOKIE_MAX_AGE_SECONDS);
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.STRICT);
        ctx.cookie(cookie);
        ctx.redirect("/instructor", HttpStatus.SEE_OTHER);
    }

    private void requireAccess(Context ctx) {
        if (access(ctx) != Access.GRANTED) {
            throw new HttpProblem(401, "Sign in at /instructor or send `Authorization: Bearer <INSTRUCTOR_TOKEN>`.");
        }
    }

    /** The learner as the instructor sees them: the name they chose beside their pseudonym, or the pseudonym alone. */
    private static String learner(String key, Map<String, String> names) {
        String name = names.get(key);
        return name == null ? LearnerToken.pseudonym(key) : name + " (" + LearnerToken.pseudonym(key) + ")";
    }

    private void csv(Context ctx) {
        requireAccess(ctx);
        Map<String, String> names = store.learnerNames();
        StringBuilder out = new StringBuilder("id,learner,exercise,status,score,passed,total,submitted_at\n");
        for (Submission s : store.allSubmissions()) {
            out.append(s.id()).append(',').append(csvField(learner(s.learner(), names))).append(',').append(csvField(s.exercise()))
                    .append(',').append(s.status()).append(',').append(String.format(Locale.ROOT, "%.2f", s.score()))
                    .append(',').append(s.passed()).append(',').append(s.total()).append(',').append(s.createdAt()).append('\n');
        }
        ctx.header("Content-Disposition", "attachment; filename=\"otplab-submissions.csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(out.toString());
    }

    /** One row per learner and exercise: submissions, whether one passed, the best score. */
    private void progressCsv(Context ctx) {
        requireAccess(ctx);
        Map<String, String> names = store.learnerNames();
        Map<List<String>, List<Submission>> byLearnerAndExercise = new java.util.TreeMap<>(
                java.util.Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
        for (Submission s : store.allSubmissions()) {
            byLearnerAndExercise.computeIfAbsent(List.of(s.learner(), s.exercise()), k -> new java.util.ArrayList<>()).add(s);
        }
        StringBuilder out = new StringBuilder("learner,exercise,submissions,passed,best_score,last_submitted_at\n");
        byLearnerAndExercise.forEach((key, subs) -> out.append(csvField(learner(key.get(0), names))).append(',')
                .append(csvField(key.get(1))).append(',').append(subs.size()).append(',')
                .append(subs.stream().anyMatch(s -> s.status().equals("pass"))).append(',')
                .append(String.format(Locale.ROOT, "%.2f", subs.stream().mapToDouble(Submission::score).max().orElse(0)))
                .append(',').append(subs.getLast().createdAt()).append('\n'));
        ctx.header("Content-Disposition", "attachment; filename=\"otplab-progress.csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(out.toString());
    }

    /** One submission as the learner sent it: its files and each test's result. */
    private void submission(Context ctx) {
        switch (access(ctx)) {
            case NONE -> {
                html(ctx, 401, signInForm(null));
                return;
            }
            case WRONG -> {
                html(ctx, 403, signInForm("That instructor token is not right."));
                return;
            }
            case GRANTED -> { }
        }
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw HttpProblem.notFound("There is no submission `" + ctx.pathParam("id") + "`.");
        }
        Submission s = store.allSubmissions().stream().filter(x -> x.id() == id).findFirst()
                .orElseThrow(() -> HttpProblem.notFound("There is no submission " + id + "."));
        Safe files = Html.each(List.copyOf(s.files().entrySet()), f -> Html.render(SUBMISSION_FILE,
                Map.of("name", f.getKey(), "code", f.getValue())));
        Safe tests = Html.each(testsOf(s), t -> Html.render(TEST_ROW, Map.of("name", t.path("name").asText(""),
                "status", t.path("status").asText(""), "message", t.path("message").asText(""))));
        html(ctx, 200, Html.render(SUBMISSION_PAGE, Map.of("id", s.id(), "learner", learner(s.learner(), store.learnerNames()),
                "exercise", s.exercise(), "status", s.status(), "passed", s.passed(), "total", s.total(),
                "message", messageOf(s), "files", files, "tests", tests)).html());
    }

    private static List<com.fasterxml.jackson.databind.JsonNode> testsOf(Submission s) {
        List<com.fasterxml.jackson.databind.JsonNode> tests = new java.util.ArrayList<>();
        results(s).path("tests").forEach(tests::add);
        return tests;
    }

    private static String messageOf(Submission s) {
        return results(s).path("message").asText("");
    }

    private static com.fasterxml.jackson.databind.JsonNode results(Submission s) {
        try {
            return RESULTS_JSON.readTree(s.resultsJson());
        } catch (java.io.IOException unreadable) {
            return RESULTS_JSON.createObjectNode();
        }
    }

    private static String csvField(String value) {
        return value.matches("[^,\"\r\n]*") ? value : "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private void html(Context ctx, int status, String main) {
        ctx.status(status).contentType("text/html; charset=utf-8")
                .result(pages.layout(new Pages.Layout("Instructor", "instructor", null, null, main, false)));
    }

    private static final String SIGN_IN = """
            <h1>Instructor</h1>
            {problem}<form method="post" action="/instructor" class="sign-in">
            <label for="instructor-token">Instructor token</label>
            <input type="password" id="instructor-token" name="token" autocomplete="current-password" required>
            <button type="submit">Sign in</button>
            </form>""";

    private static final String DASHBOARD = """
            <h1>Instructor</h1>
            <p><a href="/instructor/submissions.csv" download>Download every submission as CSV</a> ·
            <a href="/instructor/progress.csv" download>Download progress per learner and exercise as CSV</a></p>
            <section aria-labelledby="rates-title">
            <h2 id="rates-title">Pass rates per exercise</h2>
            <table class="instructor-table" id="pass-rates">
            <thead><tr><th scope="col">Exercise</th><th scope="col">Submissions</th><th scope="col">Learners</th>\
            <th scope="col">Learners who passed</th><th scope="col">Pass rate</th></tr></thead>
            <tbody>
            {rates}</tbody>
            </table>
            </section>
            <section aria-labelledby="subs-title">
            <h2 id="subs-title">Submissions ({count})</h2>
            {submissions}</section>""";

    private static final String RATE_ROW = """
            <tr data-exercise="{slug}"><th scope="row"><a href="/exercises/{slug}">{title}</a></th><td>{submissions}</td>\
            <td>{learners}</td><td>{passed}</td><td>{rate}</td></tr>
            """;

    private static final String SUBMISSIONS = """
            <table class="instructor-table" id="submissions">
            <thead><tr><th scope="col">#</th><th scope="col">Learner</th><th scope="col">Exercise</th><th scope="col">Status</th>\
            <th scope="col">Tests passed</th><th scope="col">Submitted (UTC)</th></tr></thead>
            <tbody>
            {rows}</tbody>
            </table>
            """;

    private static final com.fasterxml.jackson.databind.ObjectMapper RESULTS_JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static final String SUBMISSION_PAGE = """
            <h1>Submission {id}</h1>
            <p><a href="/instructor">Back to the instructor view</a></p>
            <dl class="submission-facts">
            <dt>Learner</dt><dd id="submission-learner">{learner}</dd>
            <dt>Exercise</dt><dd>{exercise}</dd>
            <dt>Status</dt><dd>{status}, {passed} of {total} tests passed</dd>
            </dl>
            <pre class="test-message" id="submission-message">{message}</pre>
            <section aria-labelledby="tests-title">
            <h2 id="tests-title">Tests</h2>
            <table class="instructor-table" id="submission-tests">
            <thead><tr><th scope="col">Test</th><th scope="col">Status</th><th scope="col">Message</th></tr></thead>
            <tbody>
            {tests}</tbody>
            </table>
            </section>
            <section aria-labelledby="files-title">
            <h2 id="files-title">Files</h2>
            {files}</section>""";

    private static final String SUBMISSION_FILE = """
            <h3>{name}</h3>
            <pre class="submission-file"><code>{code}</code></pre>
            """;

    private static final String TEST_ROW = """
            <tr><th scope="row">{name}</th><td>{status}</td><td><pre>{message}</pre></td></tr>
            """;

    private static final String SUBMISSION_ROW = """
            <tr><td><a href="/instructor/submissions/{id}">{id}</a></td><td>{learner}</td><td>{exercise}</td><td>{status}</td><td>{passed} / {total}</td><td>{at}</td></tr>
            """;

    private static String signInForm(String error) {
        Safe problem = error == null ? Html.trusted("")
                : Html.render("<p class=\"problem-message\" role=\"alert\">{error}</p>\n", Map.of("error", error));
        return Html.render(SIGN_IN, Map.of("problem", problem)).html();
    }

    private String dashboard() {
        Map<String, ExerciseStats> stats = store.statsByExercise();
        List<Submission> submissions = store.allSubmissions();
        Map<String, String> names = store.learnerNames();
        Safe rates = Html.each(exercises.all(), e -> {
            ExerciseStats s = stats.getOrDefault(e.slug(), new ExerciseStats(e.slug(), 0, 0, 0, 0));
            return Html.render(RATE_ROW, Map.of("slug", e.slug(), "title", e.title(), "submissions", s.submissions(),
                    "learners", s.learners(), "passed", s.learnersPassed(),
                    "rate", s.learners() == 0 ? "–" : Math.round(s.passRate() * 100) + " %"));
        });
        Safe table = submissions.isEmpty() ? Html.trusted("<p>No submissions yet.</p>\n")
                : Html.render(SUBMISSIONS, Map.of("rows", Html.each(submissions.reversed(), s -> Html.render(SUBMISSION_ROW, Map.of(
                        "id", s.id(), "learner", learner(s.learner(), names), "exercise", s.exercise(),
                        "status", s.status(), "passed", s.passed(), "total", s.total(),
                        "at", s.createdAt().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"))))));
        return Html.render(DASHBOARD, Map.of("rates", rates, "count", submissions.size(), "submissions", table)).html();
    }
}
