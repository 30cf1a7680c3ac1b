package otplab.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import otplab.course.Cell;
import otplab.course.CellAttributes;
import otplab.course.Course;
import otplab.course.Lesson;

/**
 * The course's own routes: {@code /}, {@code /lessons/{slug}}, {@code /api/lessons} and
 * {@code /api/lessons/{slug}}. Pages are rendered once per reading of the course and served
 * as bytes.
 */
final class CourseRoutes {
    static final String HTML = "text/html; charset=utf-8";

    private record Rendered(Course course, byte[] index, Map<String, byte[]> lessons) {}

    private final Pages pages;
    private volatile Rendered rendered;

    CourseRoutes(Pages pages, Course course) {
        this.pages = pages;
        this.rendered = render(course);
    }

    void courseChanged(Course course) {
        rendered = render(course);
    }

    private Rendered render(Course course) {
        Map<String, byte[]> lessons = new HashMap<>();
        for (Lesson lesson : course.lessons()) {
            lessons.putIfAbsent(lesson.slug(), pages.lesson(course, lesson).getBytes(StandardCharsets.UTF_8));
        }
        return new Rendered(course, pages.index(course).getBytes(StandardCharsets.UTF_8), Map.copyOf(lessons));
    }

    void install(JavalinConfig config) {
        config.routes.get("/", ctx -> ctx.contentType(HTML).result(rendered.index()));
        config.routes.get("/lessons/{slug}", this::lessonPage);
        config.routes.get("/api/lessons", ctx -> ctx.json(rendered.course().lessons().stream().map(CourseRoutes::summary).toList()));
        config.routes.get("/api/lessons/{slug}", this::lessonJson);
    }

    private void lessonPage(Context ctx) {
        byte[] page = rendered.lessons().get(ctx.pathParam("slug"));
        if (page == null) {
            throw HttpProblem.notFound(noSuchLesson(ctx.pathParam("slug")));
        }
        ctx.contentType(HTML).result(page);
    }

    private void lessonJson(Context ctx) {
        Lesson lesson = rendered.course().lesson(ctx.pathParam("slug"))
                .orElseThrow(() -> HttpProblem.notFound(noSuchLesson(ctx.pathParam("slug"))));
        Map<String, Object> body = summary(lesson);
        body.put("cells", lesson.cells().stream().map(CourseRoutes::cell).toList());
        body.put("problems", lesson.problems().stream().map(p -> Map.of("file", p.file(), "line", p.line(),
                "message", p.message())).toList());
        ctx.json(body);
    }

    static String noSuchLesson(String slug) {
        return "There is no lesson called `" + slug + "`.";
    }

    private static Map<String, Object> summary(Lesson lesson) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("slug", lesson.slug());
        out.put("title", lesson.title());
        out.put("part", lesson.part().title());
        out.put("order", lesson.order());
        out.put("summary", lesson.summary());
        out.put("minutes", lesson.minutes());
        out.put("exercises", lesson.exercises());
        out.put("url", lesson.url());
        out.put("file", lesson.file());
        out.put("broken", lesson.broken());
        return out;
    }

    private static Map<String, Object> cell(Cell cell) {
        CellAttributes a = cell.attributes();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", cell.id());
        out.put("number", cell.number());
        out.put("line", cell.line());
        out.put("code", cell.code());
        out.put("run", a.run());
        out.put("setup", a.setup().name().toLowerCase(java.util.Locale.ROOT));
        out.put("status", a.status().wireName());
        a.expect().ifPresent(v -> out.put("expect", v));
        a.expectContains().ifPresent(v -> out.put("expectContains", v));
        a.errorContains().ifPresent(v -> out.put("errorContains", v));
        a.timeoutMs().ifPresent(v -> out.put("timeoutMs", v));
        return out;
    }

    List<Lesson> lessons() {
        return rendered.course().lessons();
    }
}
