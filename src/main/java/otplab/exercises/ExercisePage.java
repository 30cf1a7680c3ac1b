package otplab.exercises;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import otp.web.Html.Safe;
import otplab.course.Course;
import otplab.course.Exercise;
import otplab.course.MarkdownRenderer;
import otplab.protocol.SourceFile;
import otplab.web.Assets;
import otplab.web.Html;
import otplab.web.Pages;

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

    private static final String PAGE = """
            <article class="exercise" aria-labelledby="exercise-title">
            <p class="breadcrumb"><a href="/">Course</a>{crumb}</p>
            <h1 id="exercise-title">{title}</h1>
            <p class="lesson-meta">Practice exercise · {difficulty} · {points} points \
            <span class="done-mark" id="exercise-done" hidden>Completed</span></p>
            <div class="lesson-body exercise-instructions">
            {instructions}</div>
            <section class="hints" aria-labelledby="hints-title">
            <h2 id="hints-title">Hints</h2>
            <p class="hints-intro">Stuck? Reveal the hints one at a time.</p>
            <ol class="hint-list" id="hint-list">
            {hints}</ol>
            <button type="button" id="show-hint" data-total="{hintCount}">Show hint 1 of {hintCount}</button>
            </section>
            </article>
            <section class="workbench" aria-labelledby="workbench-title">
            <h2 id="workbench-title">Your solution</h2>
            <p class="workbench-intro">Edit the files below; drafts are kept in this browser. \
            <strong>Run tests</strong> runs the tests you can read; <strong>Submit</strong> also runs hidden tests and records the result.</p>
            <div class="file-tabs" role="tablist" aria-label="Files">
            {tabs}</div>
            {panels}<div class="workbench-actions">
            <button type="button" id="run-tests" class="primary">Run tests</button>
            <button type="button" id="submit-solution" class="primary">Submit</button>
            <button type="button" id="reset-file">Reset this file to the starter</button>
            </div>
            <p id="grading-status" class="grading-status" role="status" aria-live="polite"></p>
            <section id="results" class="results" aria-labelledby="results-title" hidden>
            <h2 id="results-title" tabindex="-1">Results</h2>
            <p id="results-summary" class="results-summary"></p>
            <ol id="test-results" class="test-results"></ol>
            </section>
            <section class="history" aria-labelledby="history-title">
            <h2 id="history-title">Your submissions</h2>
            <p id="history-empty">No submissions yet.</p>
            <ol id="history-list" class="history-list"></ol>
            </section>
            </section>
            <script type="module" src="{script}"></script>""";

    private static final String CRUMB = " <span aria-hidden=\"true\">›</span> <a href=\"{url}\">{title}</a>";

    private static final String TAB = """
            <button type="button" role="tab" class="file-tab" id="file-tab-{i}" aria-controls="file-panel-{i}" \
            aria-selected="{selected}" tabindex="{tabindex}">{name}</button>
            """;

    private static final String PANEL = """
            <div class="file-panel" role="tabpanel" id="file-panel-{i}" aria-labelledby="file-tab-{i}" data-file="{name}"{hidden}>
            <pre class="exercise-source"><code>{content}</code></pre>
            </div>
            """;

    String render(Exercise exercise, Course course) {
        Safe crumb = course.lesson(exercise.lesson())
                .map(lesson -> Html.render(CRUMB, Map.of("url", lesson.url(), "title", lesson.title())))
                .orElse(Html.trusted(""));
        List<SourceFile> starter = exercise.starter();
        List<Integer> indexes = IntStream.range(0, starter.size()).boxed().toList();
        Safe main = Html.render(PAGE, Map.ofEntries(
                Map.entry("crumb", crumb),
                Map.entry("title", exercise.title()),
                Map.entry("difficulty", exercise.difficulty().name().toLowerCase(Locale.ROOT)),
                Map.entry("points", exercise.points()),
                // Instructions are the instructor's Markdown, rendered (and escaped where it is text) by the course's renderer.
                Map.entry("instructions", Html.trusted(markdown.render(withoutTitle(exercise.instructions())).html())),
                Map.entry("hints", Html.each(exercise.hints(), hint -> Html.trusted("<li hidden>" + Html.message(hint) + "</li>\n"))),
                Map.entry("hintCount", exercise.hints().size()),
                Map.entry("tabs", Html.each(indexes, i -> Html.render(TAB, Map.of("i", i, "selected", i == 0,
                        "tabindex", i == 0 ? "0" : "-1", "name", starter.get(i).name())))),
                Map.entry("panels", Html.each(indexes, i -> Html.render(PANEL, Map.of("i", i, "name", starter.get(i).name(),
                        "hidden", Html.trusted(i == 0 ? "" : " hidden"), "content", starter.get(i).content())))),
                Map.entry("script", assets.url("exercise.js"))));
        return pages.layout(new Pages.Layout(exercise.title(), "exercise", exercise.slug(), null, main.html(), false));
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
}
