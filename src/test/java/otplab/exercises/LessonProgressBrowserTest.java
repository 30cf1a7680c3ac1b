package otplab.exercises;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import otplab.runner.Runner;
import otplab.runner.RunnerModule;
import otplab.store.SubmissionStore;
import otplab.web.BrowserExtension;
import otplab.web.CourseFixture;
import otplab.web.ServerConfig;
import otplab.web.TestSite;

/** The server keeps which lessons a learner worked through, and the index offers where to continue. */
@ExtendWith(BrowserExtension.class)
@CourseFixture("progress")
class LessonProgressBrowserTest {
    private static final double WAIT_MS = 90_000;

    static void configureServer(ServerConfig.Builder config, Path dataDir) {
        Runner runner = Runner.create(s -> s.poolSize(1).maxWorkers(2));
        ExerciseModule.addTo(RunnerModule.addTo(config, runner), runner.workers(), SubmissionStore.inDataDir(dataDir), Map.of());
    }

    private static Locator cell(Page page, String id) {
        return page.locator("figure.cell[data-cell-id=" + id + "]");
    }

    /** Runs the cell and waits until the server has answered the page's report of it (a beacon). */
    private static void runAsWritten(Page page, String id, String status) {
        page.waitForResponse(response -> response.url().endsWith("/cells/" + id),
                new Page.WaitForResponseOptions().setTimeout(WAIT_MS), () -> {
                    cell(page, id).locator(".cell-run").click();
                    assertThat(cell(page, id).locator(".cell-status")).hasText(Pattern.compile("^" + status),
                            new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
                });
    }

    private static Locator lessonItem(Page page, String slug) {
        return page.locator("[data-lesson-slug=" + slug + "]");
    }

    @Test
    void cellsThatRanAsWrittenCompleteALessonAndTheIndexSaysWhereToContinue(Page page, TestSite site) {
        page.navigate(site.url("/"));
        assertThat(page.locator(".exercises, .part").first()).isVisible();
        assertThat(page.locator("#continue")).hasCount(0);

        page.navigate(site.url("/lessons/first"));
        runAsWritten(page, "one", "Done");
        page.navigate(site.url("/"));
        assertThat(page.locator("#continue")).hasText("Continue where you left off: The first steps");
        assertThat(lessonItem(page, "first").locator(".lesson-partial")).hasText("1 of 2 cells run");

        page.navigate(site.url("/lessons/first"));
        runAsWritten(page, "two", "Does not compile");
        page.navigate(site.url("/"));
        assertThat(lessonItem(page, "first").locator("[data-done-mark]")).isVisible();
        assertThat(page.locator("#continue a")).hasText("The next steps");
        page.locator("#continue a").click();
        assertThat(page).hasURL(Pattern.compile("/lessons/second$"));
    }
}
