package otplab.exercises;

import java.util.List;
import otplab.course.Course;
import otplab.course.Lesson;
import otplab.course.MarkdownRenderer;
import otplab.course.Exercise;
import otplab.web.Assets;
import otplab.web.Html;
import otplab.web.Pages;
import otplab.protocol.SourceFile;

/**
 * The exercise page: instructions, hints (revealed one at a time by the script), one editor tab
 * per starter file, Run tests / Submit, and slots for results and history that
 * {@code web/src/exercise.js} fills. Only the starter, the instructions and the hints are on it.
 */
final class ExercisePage {
    private final Pages pages;
    private final Assets assets;
    private final MarkdownRenderer markdown = new MarkdownRenderer();

    ExercisePage(Pages pages, Assets assets) {
        this.pages = pages;
        this.assets = assets;
    }

    String render(Exercise exercise, Course course) {
        StringBuilder main = new StringBuilder(8192);
        Lesson lesson = course.lesson(exercise.lesson()).orElse(null);
        main.append("<article class=\"exercise\" aria-labelledby=\"exercise-title\">\n")
                .append("<p class=\"breadcrumb\"><a href=\"/\">Course</a>");
        if (lesson != null) {
            main.append(" <span aria-hidden=\"true\">›</span> <a href=\"").append(Html.escape(lesson.url())).append("\">")
                    .append(Html.escape(lesson.title())).append("</a>");
        }
        main.append("</p>\n<h1 id=\"exercise-title\">").append(Html.escape(exercise.title())).append("</h1>\n")
                .append("<p class=\"lesson-meta\">Practice exercise · ")
                .append(exercise.difficulty().name().toLowerCase(java.util.Locale.ROOT)).append(" · ")
                .append(exercise.points()).append(" points")
                .append(" <span class=\"done-mark\" id=\"exercise-done\" hidden>Completed</span></p>\n")
                .append("<div class=\"lesson-body exercise-instructions\">\n")
                .append(markdown.render(withoutTitle(exercise.instructions())).html()).append("</div>\n");
        hints(main, exercise.hints());
        main.append("</article>\n");
        workbench(main, exercise.starter());
        main.append("<script type=\"module\" src=\"").append(assets.url("exercise.js")).append("\"></script>");
        return pages.layout(new Pages.Layout(exercise.title(), "exercise", exercise.slug(), null, main.toString(), false));
    }

    /** The page has its own h1; the README's leading "# Title" would repeat it. */
    private static String withoutTitle(String instructions) {
        String text = instructions.stripLeading();
        if (text.startsWith("# ")) {
            int end = text.indexOf('\n');
            return end < 0 ? "" : text.substring(end + 1);
        }
        return text;
    }

    private static void hints(StringBuilder main, List<String> hints) {
        main.append("<section class=\"hints\" aria-labelledby=\"hints-title\">\n<h2 id=\"hints-title\">Hints</h2>\n")
                .append("<p class=\"hints-intro\">Stuck? Reveal the hints one at a time.</p>\n<ol class=\"hint-list\" id=\"hint-list\">\n");
        for (String hint : hints) {
            main.append("<li hidden>").append(Html.message(hint)).append("</li>\n");
        }
        main.append("</ol>\n<button type=\"button\" id=\"show-hint\" data-total=\"").append(hints.size())
                .append("\">Show hint 1 of ").append(hints.size()).append("</button>\n</section>\n");
    }

    private static void workbench(StringBuilder main, List<SourceFile> starter) {
        main.append("<section class=\"workbench\" aria-labelledby=\"workbench-title\">\n")
                .append("<h2 id=\"workbench-title\">Your solution</h2>\n")
                .append("<p class=\"workbench-intro\">Edit the files below; drafts are kept in this browser. ")
                .append("<strong>Run tests</strong> runs the tests you can read; <strong>Submit</strong> also runs hidden tests and records the result.</p>\n")
                .append("<div class=\"file-tabs\" role=\"tablist\" aria-label=\"Files\">\n");
        for (int i = 0; i < starter.size(); i++) {
            String name = Html.escape(starter.get(i).name());
            main.append("<button type=\"button\" role=\"tab\" class=\"file-tab\" id=\"file-tab-").append(i)
                    .append("\" aria-controls=\"file-panel-").append(i).append("\" aria-selected=\"").append(i == 0)
                    .append("\" tabindex=\"").append(i == 0 ? "0" : "-1").append("\">").append(name).append("</button>\n");
        }
        main.append("</div>\n");
        for (int i = 0; i < starter.size(); i++) {
            SourceFile file = starter.get(i);
            main.append("<div class=\"file-panel\" role=\"tabpanel\" id=\"file-panel-").append(i)
                    .append("\" aria-labelledby=\"file-tab-").append(i).append("\" data-file=\"").append(Html.escape(file.name()))
                    .append('"').append(i == 0 ? "" : " hidden").append(">\n<pre class=\"exercise-source\"><code>")
                    .append(Html.escape(file.content())).append("</code></pre>\n</div>\n");
        }
        main.append("<div class=\"workbench-actions\">\n")
                .append("<button type=\"button\" id=\"run-tests\" class=\"primary\">Run tests</button>\n")
                .append("<button type=\"button\" id=\"submit-solution\" class=\"primary\">Submit</button>\n")
                .append("<button type=\"button\" id=\"reset-file\">Reset this file to the starter</button>\n</div>\n")
                .append("<p id=\"grading-status\" class=\"grading-status\" role=\"status\" aria-live=\"polite\"></p>\n")
                .append("<section id=\"results\" class=\"results\" aria-labelledby=\"results-title\" hidden>\n")
                .append("<h2 id=\"results-title\" tabindex=\"-1\">Results</h2>\n<p id=\"results-summary\" class=\"results-summary\"></p>\n")
                .append("<ol id=\"test-results\" class=\"test-results\"></ol>\n</section>\n")
                .append("<section class=\"history\" aria-labelledby=\"history-title\">\n<h2 id=\"history-title\">Your submissions</h2>\n")
                .append("<p id=\"history-empty\">No submissions yet.</p>\n<ol id=\"history-list\" class=\"history-list\"></ol>\n</section>\n")
                .append("</section>\n");
    }
}
