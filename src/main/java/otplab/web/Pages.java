package otplab.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import otp.web.Html.Safe;
import otplab.course.AuthoringProblem;
import otplab.course.Course;
import otplab.course.Lesson;

/**
 * The HTML of every page: one layout (header, landmarks, theme switch, scripts) and the
 * course's pages inside it. Other features build their pages with {@link #layout(Layout)}.
 */
public final class Pages {
    public static final String SITE_NAME = "OTP Lab";
    /** Sets the theme before first paint so a dark-mode reader never sees a white flash. */
    private static final String THEME_BOOT = "(function(){try{var t=localStorage.getItem('otplab:theme');"
            + "if(t!=='light'&&t!=='dark'){t=matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light';}"
            + "document.documentElement.dataset.theme=t;}catch(e){}})();";

    private final Assets assets;
    private final boolean authorMode;
    private final String features;

    public Pages(Assets assets, boolean authorMode) {
        this(assets, authorMode, java.util.Set.of());
    }

    /** {@code features}: the modules' {@link WebModule#pageFeatures()}, set as {@code data-features} on every page's body. */
    public Pages(Assets assets, boolean authorMode, java.util.Set<String> features) {
        this.assets = Objects.requireNonNull(assets, "assets must not be null");
        this.authorMode = authorMode;
        this.features = String.join(" ", new java.util.TreeSet<>(features));
    }

    /**
     * A page to wrap in the layout.
     *
     * @param title the document title (the site name is appended)
     * @param kind the page kind, set as {@code data-page} on the body (index, lesson, exercise, error)
     * @param slug the lesson or exercise shown, or null
     * @param asideHtml navigation beside the main content (a table of contents), or null
     * @param mainHtml the content of {@code <main>}
     * @param editor whether the page needs the cell editor bundle
     */
    public record Layout(String title, String kind, String slug, String asideHtml, String mainHtml, boolean editor) {
        public Layout {
            Objects.requireNonNull(title, "title must not be null");
            Objects.requireNonNull(kind, "kind must not be null");
            Objects.requireNonNull(mainHtml, "mainHtml must not be null");
        }
    }

    private static final String LAYOUT = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>{title}</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="{style}">
            <script>{themeBoot}</script>
            <script type="module" src="{pageScript}"></script>
            {editorScript}</head>
            <body data-page="{kind}"{slug}{liveReload}{features}>
            <a class="skip-link" href="#main">Skip to content</a>
            <header class="site-header">
            <a class="brand" href="/">{site}</a>
            <nav class="site-nav" aria-label="Site"><a href="/">Course</a></nav>
            <button type="button" class="theme-toggle" id="theme-toggle" aria-pressed="false">Dark theme</button>
            </header>
            <div class="layout{single}">
            {aside}<main id="main" tabindex="-1">
            {main}
            </main>
            </div>
            <footer class="site-footer"><p>OTP Lab: OTP, Phoenix, Ecto and releases for Java programmers.</p></footer>
            </body>
            </html>
            """;

    private static final String INDEX = """
            <h1>{site}</h1>
            <p class="lede">Learn the ideas of Elixir's OTP, Phoenix, Ecto and releases by writing Java: \
            read a lesson, run its cells, change them and run them again.</p>
            {empty}{parts}""";

    private static final String NO_LESSONS = """
            <p class="empty">There are no lessons yet. Add a file such as <code>{example}</code> (see docs/AUTHORING.md).</p>
            """;

    private static final String PART = """
            <section class="part" aria-labelledby="{id}">
            <h2 id="{id}">{title}</h2>
            <ol class="lesson-list">
            {lessons}</ol>
            </section>
            """;

    private static final String INDEX_LESSON = """
            <li class="lesson-item" data-lesson-slug="{slug}"><span class="lesson-number" aria-hidden="true">{number}</span>\
            <div class="lesson-text"><a class="lesson-link" href="{url}">{title}</a>\
            <span class="done-mark" data-done-mark hidden>Completed</span>{broken}{summary}{minutes}</div></li>
            """;

    private static final String TOC = """
            <nav class="toc" aria-labelledby="toc-title">
            <h2 id="toc-title">On this page</h2>
            <ol>
            {entries}</ol>
            </nav>""";

    private static final String LESSON = """
            <article class="lesson" aria-labelledby="lesson-title">
            <p class="breadcrumb"><a href="/">Course</a> <span aria-hidden="true">›</span> {part}</p>
            <h1 id="lesson-title">{title}</h1>
            {minutes}{problems}<div class="lesson-body">
            {body}</div>
            {practice}<p class="lesson-done"><button type="button" id="mark-done" aria-pressed="false">\
            Mark this lesson as done</button></p>
            </article>
            <nav class="pager" aria-label="Previous and next lesson">
            {previous}{next}</nav>""";

    private static final String PRACTICE = """
            <section class="practice" aria-labelledby="practice-title">
            <h2 id="practice-title">Practice</h2>
            <ul>
            {items}</ul>
            </section>
            """;

    private static final String PROBLEMS = """
            <section class="authoring-errors" role="alert" aria-labelledby="authoring-errors-title">
            <h2 id="authoring-errors-title">This page has mistakes for its author to fix</h2>
            <ul>
            {items}</ul>
            </section>
            """;

    private static final Safe NOTHING = Html.trusted("");

    public String layout(Layout page) {
        return Html.render(LAYOUT, Map.ofEntries(
                Map.entry("title", page.title().equals(SITE_NAME) ? SITE_NAME : page.title() + " · " + SITE_NAME),
                Map.entry("style", assets.url("style.css")),
                Map.entry("themeBoot", Html.trusted(THEME_BOOT)),
                Map.entry("pageScript", assets.url("page.js")),
                Map.entry("editorScript", page.editor()
                        ? Html.render("<script type=\"module\" src=\"{src}\"></script>\n", Map.of("src", assets.url("lesson.js")))
                        : NOTHING),
                Map.entry("kind", page.kind()),
                Map.entry("slug", page.slug() == null ? NOTHING : Html.render(" data-slug=\"{slug}\"", Map.of("slug", page.slug()))),
                Map.entry("liveReload", Html.trusted(authorMode ? " data-live-reload=\"true\"" : "")),
                Map.entry("features", features.isEmpty() ? NOTHING : Html.render(" data-features=\"{features}\"", Map.of("features", features))),
                Map.entry("site", SITE_NAME),
                Map.entry("single", Html.trusted(page.asideHtml() == null ? " layout-single" : "")),
                // The aside and the main content come rendered by their own templates.
                Map.entry("aside", Html.trusted(page.asideHtml() == null ? "" : page.asideHtml() + "\n")),
                Map.entry("main", Html.trusted(page.mainHtml())))).html();
    }

    /** The course index: parts, and their lessons in order with summary, time and a completion mark. */
    public String index(Course course) {
        Safe empty = course.lessons().isEmpty()
                ? Html.render(NO_LESSONS, Map.of("example", course.lessonsDir().getFileName() + "/01-first-steps.md"))
                : NOTHING;
        AtomicInteger number = new AtomicInteger();
        Safe parts = Html.each(course.parts(), group -> Html.render(PART, Map.of(
                "id", "part-" + group.part().name().toLowerCase(Locale.ROOT),
                "title", group.part().title(),
                "lessons", Html.each(group.lessons(), lesson -> Html.render(INDEX_LESSON, Map.of(
                        "slug", lesson.slug(),
                        "number", number.incrementAndGet(),
                        "url", lesson.url(),
                        "title", lesson.title(),
                        "broken", Html.trusted(lesson.broken() ? "<span class=\"broken-mark\">Needs fixing</span>" : ""),
                        "summary", lesson.summary().isEmpty() ? NOTHING
                                : Html.render("<p class=\"lesson-summary\">{summary}</p>", Map.of("summary", lesson.summary())),
                        "minutes", lesson.minutes() > 0
                                ? Html.render("<p class=\"lesson-meta\">{minutes} min</p>", Map.of("minutes", lesson.minutes()))
                                : NOTHING))))));
        String main = Html.render(INDEX, Map.of("site", SITE_NAME, "empty", empty, "parts", parts)).html();
        return layout(new Layout(SITE_NAME, "index", null, null, main, false));
    }

    /** A lesson page: contents, the rendered lesson with its cells, exercises, and previous/next links. */
    public String lesson(Course course, Lesson lesson) {
        String aside = lesson.toc().isEmpty() ? null : Html.render(TOC, Map.of("entries", Html.each(lesson.toc(),
                entry -> Html.render("<li class=\"toc-level-{level}\"><a href=\"#{id}\">{text}</a></li>\n",
                        Map.of("level", entry.level(), "id", entry.id(), "text", entry.text()))))).html();
        Optional<Lesson> previous = course.previous(lesson);
        Optional<Lesson> next = course.next(lesson);
        String main = Html.render(LESSON, Map.of(
                "part", lesson.part().title(),
                "title", lesson.title(),
                "minutes", lesson.minutes() > 0
                        ? Html.render("<p class=\"lesson-meta\">About {minutes} minutes</p>\n", Map.of("minutes", lesson.minutes()))
                        : NOTHING,
                "problems", Html.trusted(lesson.broken() ? problemsBox(lesson.problems()) : ""),
                // The lesson's body is the course's rendered Markdown, escaped where it is text by the renderer.
                "body", Html.trusted(lesson.html()),
                "practice", lesson.exercises().isEmpty() ? NOTHING : Html.render(PRACTICE, Map.of("items", Html.each(lesson.exercises(),
                        slug -> Html.render("<li><a href=\"/exercises/{slug}\">{slug}</a></li>\n", Map.of("slug", slug))))),
                "previous", previous.map(p -> Html.render(
                        "<a class=\"pager-prev\" rel=\"prev\" href=\"{url}\"><span class=\"pager-label\">Previous</span> {title}</a>\n",
                        Map.of("url", p.url(), "title", p.title()))).orElse(NOTHING),
                "next", next.map(n -> Html.render(
                        "<a class=\"pager-next\" rel=\"next\" href=\"{url}\"><span class=\"pager-label\">Next</span> {title}</a>\n",
                        Map.of("url", n.url(), "title", n.title()))).orElse(NOTHING))).html();
        return layout(new Layout(lesson.title(), "lesson", lesson.slug(), aside, main, true));
    }

    /** The author-facing box listing a file's problems, each with its file and line. */
    public String problemsBox(List<AuthoringProblem> problems) {
        return Html.render(PROBLEMS, Map.of("items", Html.each(problems, problem -> Html.render(
                "<li><code class=\"problem-location\">{file}</code>, line {line}: {message}</li>\n",
                Map.of("file", problem.file(), "line", problem.line(), "message", Html.trusted(Html.message(problem.message()))))))).html();
    }

    /** A page for a request that cannot be answered (404 and friends), with a way back. */
    public String problem(int status, String title, String message) {
        String main = Html.render("<h1>{title}</h1>\n<p class=\"problem-message\">{message}</p>\n<p><a href=\"/\">Back to the course</a></p>",
                Map.of("title", title, "message", Html.trusted(Html.message(message)))).html();
        return layout(new Layout(title, "error-" + status, null, null, main, false));
    }
}
