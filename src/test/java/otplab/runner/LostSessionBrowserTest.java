package otplab.runner;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static otplab.runner.NotebookBrowser.assertStatus;
import static otplab.runner.NotebookBrowser.cell;
import static otplab.runner.NotebookBrowser.open;
import static otplab.runner.NotebookBrowser.run;

import com.microsoft.playwright.Page;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import otplab.web.BrowserExtension;
import otplab.web.CourseFixture;
import otplab.web.ServerConfig;
import otplab.web.TestSite;

/** A session whose worker is gone says so in one sentence and offers to run the cells above again. */
@ExtendWith(BrowserExtension.class)
@CourseFixture("notebook")
class LostSessionBrowserTest {
    private static Runner runner;

    static void configureServer(ServerConfig.Builder config) {
        runner = Runner.create(s -> s.poolSize(1).maxWorkers(2).sessionIdle(Duration.ofSeconds(2)));
        RunnerModule.addTo(config, runner);
    }

    /** Waits (polling the runner, not sleeping a guessed time) until the idle sweep has ended every session. */
    private static void awaitIdleExpiry() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (((Number) runner.health().get("sessions")).intValue() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(((Number) runner.health().get("sessions")).intValue() == 0, "the idle sessions were not ended");
    }

    @Test
    void afterIdleExpiryTheNextRunSaysWhyAndReplaysTheCellsAbove(Page page, TestSite site) throws Exception {
        open(page, site);
        run(page, "declare");
        assertStatus(page, "declare", "Done");
        awaitIdleExpiry();

        run(page, "use");
        assertStatus(page, "use", "This page's session was lost: it was idle for more than 2 s, so the server ended its worker.");
        assertThat(cell(page, "use").locator(".out-stdout")).hasCount(0);

        cell(page, "use").getByText("Run the cells above again").click();
        assertStatus(page, "declare", "Done");
        assertStatus(page, "use", "Done");
        assertThat(cell(page, "use").locator(".out-stdout")).hasText("42\n");
    }

    @Test
    void aFreshPageRunsWithoutAskingAboutASessionItNeverHad(Page page, TestSite site) {
        open(page, site);
        run(page, "late");
        assertStatus(page, "late", "Done");
    }
}
