package otplab.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import otplab.course.Cell;
import otplab.course.CourseCatalog;
import otplab.course.Lesson;
import otplab.runner.Runner;
import otplab.runner.RunnerModule;

/**
 * A learner's walk through the bundled course (lessons/ of the repository, not a fixture):
 * the index shows the four parts in order, and in each part a lesson opened from the index
 * runs a cell in the sandboxed runner and shows the output the lesson declares.
 */
@ExtendWith(BrowserExtension.class)
class CourseWalkBrowserTest {
    private static final Path LESSONS = Path.of("lessons").toAbsolutePath();
    private static final Path EXERCISES = Path.of("exercises").toAbsolutePath();
    /** Generous: the machine may be busy, and a first run may wait for a worker JVM to start. */
    private static final double WAIT_MS = 90_000;

    static void configureServer(ServerConfig.Builder config) {
        config.lessonsDir(LESSONS).exercisesDir(EXERCISES).authorMode(false);
        RunnerModule.addTo(config, Runner.create(s -> s.poolSize(1).maxWorkers(4).wallTime(Duration.ofSeconds(60))));
    }

    @Test
    void theIndexShowsTheFourPartsInOrder(Page page, TestSite site) {
        page.navigate(site.url("/"));
        assertEquals(List.of("OTP", "Phoenix", "Ecto", "Releases"), page.locator(".part h2").allTextContents());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "OTP, genserver, use-counter",
        "Phoenix, phoenix-application, cell-1",
        "Ecto, why-ecto, cell-1",
        "Releases, releases, cell-1",
    })
    void aLessonOfEachPartOpensFromTheIndexAndRunsACellWithItsDeclaredOutput(String part, String slug, String cellId,
            Page page, TestSite site) {
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
        assertThat(figure.locator(".cell-status")).hasText(Pattern.compile("^Done"),
                new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
        assertEquals(expected, figure.locator(".out-stdout").textContent().stripTrailing());
    }
}
