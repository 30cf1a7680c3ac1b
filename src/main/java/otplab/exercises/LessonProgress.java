package otplab.exercises;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import otplab.course.Cell;
import otplab.course.Course;
import otplab.course.CourseCatalog;
import otplab.course.Lesson;
import otplab.store.LessonRuns;
import otplab.store.SubmissionStore;
import otplab.web.HttpProblem;

/**
 * A learner's progress through the lessons, kept on the server for their learner cookie: a lesson
 * is completed once each of its runnable cells (setup cells aside) has run as the lesson says it
 * should. Routes: {@code POST /api/me/lessons/{slug}/cells/{cell}} (the page reports such a run),
 * {@code GET /api/me/progress} ({@code {"lessons": {slug: {"ran", "cells", "completed"}},
 * "continue": {"slug", "title", "url"} | null}}), the lesson to continue with being the one last
 * worked on while unfinished, else the first unfinished one after it.
 */
final class LessonProgress {
    /** The page feature word that tells page scripts these routes exist. */
    static final String PAGE_FEATURE = "progress";
    private final CourseCatalog catalog;
    private final SubmissionStore store;

    LessonProgress(CourseCatalog catalog, SubmissionStore store) {
        this.catalog = Objects.requireNonNull(catalog, "catalog must not be null");
        this.store = Objects.requireNonNull(store, "store must not be null");
    }

    void install(JavalinConfig config) {
        config.routes.post("/api/me/lessons/{slug}/cells/{cell}", this::cellRan);
        config.routes.get("/api/me/progress", this::progress);
    }

    /** The cells that count towards completing a lesson. */
    static List<String> countedCells(Lesson lesson) {
        return lesson.cells().stream().filter(Cell::runnable).filter(c -> !c.setup()).map(Cell::id).toList();
    }

    private void cellRan(Context ctx) {
        Course course = catalog.current();
        String slug = ctx.pathParam("slug");
        Lesson lesson = course.lesson(slug).orElseThrow(() -> HttpProblem.notFound("There is no lesson `" + slug + "`."));
        String cell = ctx.pathParam("cell");
        if (!countedCells(lesson).contains(cell)) {
            throw HttpProblem.badRequest("Lesson `" + slug + "` has no runnable cell `" + cell + "`.");
        }
        store.recordCellRun(LearnerToken.of(ctx), slug, cell, Instant.now());
        ctx.json(Map.of("status", "recorded"));
    }

    private void progress(Context ctx) {
        Course course = catalog.current();
        Map<String, LessonRuns> runs = store.lessonRuns(LearnerToken.of(ctx));
        Map<String, Object> lessons = new LinkedHashMap<>();
        for (Lesson lesson : course.lessons()) {
            LessonRuns ran = runs.get(lesson.slug());
            if (ran == null) {
                continue;
            }
            List<String> counted = countedCells(lesson);
            long done = counted.stream().filter(ran.cells()::contains).count();
            lessons.put(lesson.slug(), Map.of("ran", done, "cells", counted.size(), "completed", completed(lesson, ran)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lessons", lessons);
        body.put("continue", continueWith(course, runs).map(l -> Map.of("slug", l.slug(), "title", l.title(), "url", l.url()))
                .orElse(null));
        ctx.json(body);
    }

    private static boolean completed(Lesson lesson, LessonRuns ran) {
        return ran != null && ran.cells().containsAll(countedCells(lesson));
    }

    /** The lesson last worked on while unfinished, else the first unfinished lesson after it; empty before any run. */
    static Optional<Lesson> continueWith(Course course, Map<String, LessonRuns> runs) {
        Optional<Lesson> last = course.lessons().stream().filter(l -> runs.containsKey(l.slug()))
                .max(Comparator.comparing(l -> runs.get(l.slug()).lastRanAt()));
        if (last.isEmpty()) {
            return Optional.empty();
        }
        List<Lesson> lessons = course.lessons();
        for (int i = lessons.indexOf(last.get()); i < lessons.size(); i++) {
            Lesson candidate = lessons.get(i);
            if (!countedCells(candidate).isEmpty() && !completed(candidate, runs.get(candidate.slug()))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
