package otplab.runner;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import otplab.web.BrowserExtension;
import otplab.web.CourseFixture;
import otplab.web.ServerConfig;
import otplab.web.TestSite;

/** With every worker taken, a second page waits visibly instead of failing, and runs once a worker is free. */
@ExtendWith(BrowserExtension.class)
@CourseFixture("runner")
class RunnerQueueBrowserTest {
    private static final double WAIT_MS = 90_000;

    static void configureServer(ServerConfig.Builder config) {
        RunnerModule.addTo(config, Runner.create(s -> s.poolSize(0).maxWorkers(1)
                .wallTime(Duration.ofSeconds(120)).queueWait(Duration.ofSeconds(120))));
    }

    private static Locator cell(Page page, String id) {
        return page.locator("figure.cell[data-cell-id=" + id + "]");
    }

    @Test
    void aSecondPageWaitsForAFreeWorkerThenRuns(Page first, TestSite site) {
        first.navigate(site.url("/lessons/cells"));
        cell(first, "loop").locator(".cell-run").click();
        assertThat(cell(first, "loop").locator(".out-stdout")).hasText("looping\n",
                new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));

        try (BrowserContext other = first.context().browser().newContext()) {
            Page second = other.newPage();
            second.navigate(site.url("/lessons/cells"));
            cell(second, "hello").locator(".cell-run").click();
            // The first page's session is active, so it is not parked: the second waits first in line.
            assertThat(cell(second, "hello").locator(".cell-indicator")).hasText(
                    Pattern.compile("^Waiting for a free worker… \\(1st in line, about \\d+ s\\)$"),
                    new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));

            cell(first, "loop").locator(".cell-reset").click();
            assertThat(cell(second, "hello").locator(".cell-status")).hasText(Pattern.compile("^Done"),
                    new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
            assertThat(cell(second, "hello").locator(".out-stdout")).hasText("hello from a cell\n");
        }
    }
}
