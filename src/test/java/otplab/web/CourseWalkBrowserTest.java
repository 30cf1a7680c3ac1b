package otplab.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import otplab.course.Cell;
import otplab.course.CourseCatalog;
import otplab.course.Lesson;
import otplab.exercises.ExerciseModule;
import otplab.runner.Runner;
import otplab.runner.RunnerModule;
import otplab.store.SubmissionStore;

/**
 * A learner's walk through the bundled course (lessons/ of the repository, not a fixture):
 * the index shows the four parts in order, and in each part a lesson opened from the index
 * runs a cell in the sandboxed runner and shows the output the lesson declares, then the
 * lesson's exercise, opened from its practice link, takes the reference solution typed into its
 * editor, passes every test in a sandboxed worker and shows as completed on the index.
 */
@ExtendWith(BrowserExtension.class)
class CourseWalkBrowserTest {
    private static final Path LESSONS = Path.of("lessons").toAbsolutePath();
    private static final Path EXERCISES = Path.of("exercises").toAbsolutePath();
    /** Generous: the machine may be busy, and a first run may wait for a worker JVM to start. */
    private static final double WAIT_MS = 90_000;
    private static final Pattern ALL_PASSED = Pattern.compile("^Submission: all \\d+ tests passed\\.$");

    static void configureServer(ServerConfig.Builder config, Path dataDir) {
        config.lessonsDir(LESSONS).exercisesDir(EXERCISES).authorMode(false);
        Runner runner = Runner.create(s -> s.poolSize(1).maxWorkers(4).wallTime(Duration.ofSeconds(60)));
        ExerciseModule.addTo(RunnerModule.addTo(config, runner), runner.workers(), SubmissionStore.inDataDir(dataDir), Map.of());
    }

    @Test
    void theIndexShowsTheFourPartsInOrder(Page page, TestSite site) {
        page.navigate(site.url("/"));
        // The practice exercises list, appended by the exercise module after the parts, is not a part.
        assertEquals(List.of("OTP", "Phoenix", "Ecto", "Releases"), page.locator(".part:not(.exercises) h2").allTextContents());
    }

    @ParameterizedTest(name = "{0}: {1} then {3}")
    @CsvSource({
        "OTP, genserver, use-counter, counter",
        "Phoenix, phoenix-application, cell-1, blog-crud",
        "Ecto, why-ecto, cell-1, user-management",
        "Releases, releases, cell-1, runtime-config",
    })
    void aLessonOfEachPartRunsACellWithItsDeclaredOutputAndItsExercisePassesWithTheReferenceSolution(String part,
            String slug, String cellId, String exercise, Page page, TestSite site) throws IOException {
        Lesson lesson = CourseCatalog.load(LESSONS, EXERCISES).current().lesson(slug).orElseThrow();
        assertEquals(part, lesson.part().title());
        Cell cell = lesson.cells().stream().filter(c -> c.id().equals(cellId)).findFirst().orElseThrow();
        String expected = cell.attributes().expect().orElseThrow();

        page.navigate(site.url("/"));
        page.locator(".part:has(h2:text-is('" + part + "'))").locator(".lesson-link", new Locator.LocatorOptions().setHasText(lesson.title())).click();
        page.waitForURL(site.url(lesson.url()));
        assertThat(page.locator("h1")).hasText(lesson.title());

        Locator figure = page.locator("figure.cell[data-cell-id=" + cellId + "]");
        figure.locator(".cell-run").click();
        try {
            assertThat(figure.locator(".cell-status")).hasText(Pattern.compile("^Done"),
                    new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
        } catch (AssertionError stuck) {
            // Say where the run stood, so a slow or stuck run can be told from a lost click.
            throw new AssertionError("the cell did not finish; its indicator read '"
                    + figure.locator(".cell-indicator").textContent() + "', busy=" + figure.getAttribute("aria-busy")
                    + ", output '" + figure.locator("[data-slot=output]").textContent() + "'; server health "
                    + page.request().get(site.url("/healthz")).text(), stuck);
        }
        assertEquals(expected, figure.locator(".out-stdout").textContent().stripTrailing());

        page.locator(".practice a[href='/exercises/" + exercise + "']").click();
        page.waitForURL(site.url("/exercises/" + exercise));
        assertThat(page.locator("#file-panel-0 .cm-content")).isVisible();
        for (Path file : solutionFiles(exercise)) {
            String name = file.getFileName().toString();
            page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(name)).click();
            page.locator(".file-panel[data-file='" + name + "'] .cm-content").fill(Files.readString(file));
        }
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit")).click();
        assertThat(page.locator("#results-summary")).hasText(ALL_PASSED, new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
        Locator statuses = page.locator("#test-results > li .test-status");
        assertThat(statuses.first()).isVisible();
        for (String status : statuses.allTextContents()) {
            assertEquals("Passed", status);
        }
        assertThat(page.locator("#exercise-done")).isVisible();

        page.navigate(site.url("/"));
        Locator mark = page.locator("[data-exercise-slug='" + exercise + "'] [data-exercise-done]");
        assertThat(mark).isVisible();
        assertThat(mark).hasText("Completed");
    }

    private static List<Path> solutionFiles(String exercise) throws IOException {
        try (Stream<Path> files = Files.list(EXERCISES.resolve(exercise).resolve("solution"))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
