package otplab.web;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import otplab.course.AuthoringProblem;
import otplab.course.Course;
import otplab.course.Lesson;
import otplab.course.TocEntry;

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

    public Pages(Assets assets, boolean authorMode) {
        this.assets = Objects.requireNonNull(assets, "assets must not be null");
        this.authorMode = authorMode;
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

    public String layout(Layout page) {
        StringBuilder html = new StringBuilder(page.mainHtml().length() + 4096);
        html.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"color-scheme\" content=\"light dark\">\n")
                .append("<title>").append(Html.escape(page.title()));
        if (!page.title().equals(SITE_NAME)) {
            html.append(" · ").append(SITE_NAME);
        }
        html.append("</title>\n<link rel=\"icon\" href=\"data:,\">\n")
                .append("<link rel=\"stylesheet\" href=\"").append(assets.url("style.css")).append("\">\n")
                .append("<script>").append(THEME_BOOT).append("</script>\n")
                .append("<script type=\"module\" src=\"").append(assets.url("page.js")).append("\"></script>\n");
        if (page.editor()) {
            html.append("<script type=\"module\" src=\"").append(assets.url("lesson.js")).append("\"></script>\n");
        }
        html.append("</head>\n<body data-page=\"").append(Html.escape(page.kind())).append('"');
        if (page.slug() != null) {
            html.append(" data-slug=\"").append(Html.escape(page.slug())).append('"');
        }
        if (authorMode) {
            html.append(" data-live-reload=\"true\"");
        }
        html.append(">\n<a class=\"skip-link\" href=\"#main\">Skip to content</a>\n")
                .append("<header class=\"site-header\">\n<a class=\"brand\" href=\"/\">").append(SITE_NAME).append("</a>\n")
                .append("<nav class=\"site-nav\" aria-label=\"Site\"><a href=\"/\">Course</a></nav>\n")
                .append("<button type=\"button\" class=\"theme-toggle\" id=\"theme-toggle\" aria-pressed=\"false\">")
                .append("Dark theme</button>\n</header>\n<div class=\"layout")
                .append(page.asideHtml() == null ? " layout-single" : "").append("\">\n");
        if (page.asideHtml() != null) {
            html.append(page.asideHtml()).append('\n');
        }
        html.append("<main id=\"main\" tabindex=\"-1\">\n").append(page.mainHtml()).append("\n</main>\n</div>\n")
                .append("<footer class=\"site-footer\"><p>OTP Lab: OTP, Phoenix, Ecto and releases for Java programmers.</p></footer>\n")
                .append("</body>\n</html>\n");
        return html.toString();
    }

    /** The course index: parts, and their lessons in order with summary, time and a completion mark. */
    public String index(Course course) {
        StringBuilder main = new StringBuilder();
        main.append("<h1>").append(SITE_NAME).append("</h1>\n")
                .append("<p class=\"lede\">Learn the ideas of Elixir's OTP, Phoenix, Ecto and releases by writing Java: ")
                .append("read a lesson, run its cells, change them and run them again.</p>\n");
        if (course.lessons().isEmpty()) {
            main.append("<p class=\"empty\">There are no lessons yet. Add a file such as <code>")
                    .append(Html.escape(course.lessonsDir().getFileName() + "/01-first-steps.md"))
                    .append("</code> (see docs/AUTHORING.md).</p>\n");
        }
        int number = 0;
        for (Course.PartGroup group : course.parts()) {
            String partId = "part-" + group.part().name().toLowerCase(java.util.Locale.ROOT);
            main.append("<section class=\"part\" aria-labelledby=\"").append(partId).append("\">\n<h2 id=\"")
                    .append(partId).append("\">").append(Html.escape(group.part().title())).append("</h2>\n")
                    .append("<ol class=\"lesson-list\">\n");
            for (Lesson lesson : group.lessons()) {
                number++;
                main.append("<li class=\"lesson-item\" data-lesson-slug=\"").append(Html.escape(lesson.slug())).append("\">")
                        .append("<span class=\"lesson-number\" aria-hidden=\"true\">").append(number).append("</span>")
                        .append("<div class=\"lesson-text\"><a class=\"lesson-link\" href=\"").append(Html.escape(lesson.url()))
                        .append("\">").append(Html.escape(lesson.title())).append("</a>")
                        .append("<span class=\"done-mark\" data-done-mark hidden>Completed</span>");
                if (lesson.broken()) {
                    main.append("<span class=\"broken-mark\">Needs fixing</span>");
                }
                if (!lesson.summary().isEmpty()) {
                    main.append("<p class=\"lesson-summary\">").append(Html.escape(lesson.summary())).append("</p>");
                }
                if (lesson.minutes() > 0) {
                    main.append("<p class=\"lesson-meta\">").append(lesson.minutes()).append(" min</p>");
                }
                main.append("</div></li>\n");
            }
            main.append("</ol>\n</section>\n");
        }
        return layout(new Layout(SITE_NAME, "index", null, null, main.toString(), false));
    }

    /** A lesson page: contents, the rendered lesson with its cells, exercises, and previous/next links. */
    public String lesson(Course course, Lesson lesson) {
        String aside = null;
        if (!lesson.toc().isEmpty()) {
            StringBuilder toc = new StringBuilder("<nav class=\"toc\" aria-labelledby=\"toc-title\">\n")
                    .append("<h2 id=\"toc-title\">On this page</h2>\n<ol>\n");
            for (TocEntry entry : lesson.toc()) {
                toc.append("<li class=\"toc-level-").append(entry.level()).append("\"><a href=\"#")
                        .append(Html.escape(entry.id())).append("\">").append(Html.escape(entry.text())).append("</a></li>\n");
            }
            aside = toc.append("</ol>\n</nav>").toString();
        }
        StringBuilder main = new StringBuilder(lesson.html().length() + 2048);
        main.append("<article class=\"lesson\" aria-labelledby=\"lesson-title\">\n")
                .append("<p class=\"breadcrumb\"><a href=\"/\">Course</a> <span aria-hidden=\"true\">›</span> ")
                .append(Html.escape(lesson.part().title())).append("</p>\n")
                .append("<h1 id=\"lesson-title\">").append(Html.escape(lesson.title())).append("</h1>\n");
        if (lesson.minutes() > 0) {
            main.append("<p class=\"lesson-meta\">About ").append(lesson.minutes()).append(" minutes</p>\n");
        }
        if (lesson.broken()) {
            main.append(problemsBox(lesson.problems()));
        }
        main.append("<div class=\"lesson-body\">\n").append(lesson.html()).append("</div>\n");
        if (!lesson.exercises().isEmpty()) {
            main.append("<section class=\"practice\" aria-labelledby=\"practice-title\">\n")
                    .append("<h2 id=\"practice-title\">Practice</h2>\n<ul>\n");
            for (String exercise : lesson.exercises()) {
                main.append("<li><a href=\"/exercises/").append(Html.escape(exercise)).append("\">")
                        .append(Html.escape(exercise)).append("</a></li>\n");
            }
            main.append("</ul>\n</section>\n");
        }
        main.append("<p class=\"lesson-done\"><button type=\"button\" id=\"mark-done\" aria-pressed=\"false\">")
                .append("Mark this lesson as done</button></p>\n</article>\n");
        main.append("<nav class=\"pager\" aria-label=\"Previous and next lesson\">\n");
        Optional<Lesson> previous = course.previous(lesson);
        Optional<Lesson> next = course.next(lesson);
        previous.ifPresent(p -> main.append("<a class=\"pager-prev\" rel=\"prev\" href=\"").append(Html.escape(p.url()))
                .append("\"><span class=\"pager-label\">Previous</span> ").append(Html.escape(p.title())).append("</a>\n"));
        next.ifPresent(n -> main.append("<a class=\"pager-next\" rel=\"next\" href=\"").append(Html.escape(n.url()))
                .append("\"><span class=\"pager-label\">Next</span> ").append(Html.escape(n.title())).append("</a>\n"));
        main.append("</nav>");
        return layout(new Layout(lesson.title(), "lesson", lesson.slug(), aside, main.toString(), true));
    }

    /** The author-facing box listing a file's problems, each with its file and line. */
    public String problemsBox(List<AuthoringProblem> problems) {
        StringBuilder box = new StringBuilder("<section class=\"authoring-errors\" role=\"alert\" aria-labelledby=\"authoring-errors-title\">\n")
                .append("<h2 id=\"authoring-errors-title\">This page has mistakes for its author to fix</h2>\n<ul>\n");
        for (AuthoringProblem problem : problems) {
            box.append("<li><code class=\"problem-location\">").append(Html.escape(problem.file()))
                    .append("</code>, line ").append(problem.line()).append(": ")
                    .append(Html.message(problem.message())).append("</li>\n");
        }
        return box.append("</ul>\n</section>\n").toString();
    }

    /** A page for a request that cannot be answered (404 and friends), with a way back. */
    public String problem(int status, String title, String message) {
        String main = "<h1>" + Html.escape(title) + "</h1>\n<p class=\"problem-message\">" + Html.message(message)
                + "</p>\n<p><a href=\"/\">Back to the course</a></p>";
        return layout(new Layout(title, "error-" + status, null, null, main, false));
    }
}
