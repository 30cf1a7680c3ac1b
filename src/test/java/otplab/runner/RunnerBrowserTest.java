package otplab.runner;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import otplab.web.BrowserExtension;
import otplab.web.CourseFixture;
import otplab.web.ServerConfig;
import otplab.web.TestSite;

/** A learner's view of running cells: a real server with the sandboxed runner and a real browser. */
@ExtendWith(BrowserExtension.class)
@CourseFixture("runner")
class RunnerBrowserTest {
    private static final Path AXE = Path.of("web/node_modules/axe-core/axe.min.js");
    /** Generous: the machine may be busy, and a first run may wait for a worker JVM to start. */
    private static final double WAIT_MS = 90_000;

    static void configureServer(ServerConfig.Builder config) {
        // A long wall time, so only the Stop button can end the loop cell.
        RunnerModule.addTo(config, Runner.create(s -> s.poolSize(1).maxWorkers(4).wallTime(Duration.ofSeconds(120))));
    }

    private static Locator cell(Page page, String id) {
        return page.locator("figure.cell[data-cell-id=" + id + "]");
    }

    private static void open(Page page, TestSite site) {
        page.navigate(site.url("/lessons/cells"));
        assertThat(cell(page, "hello").locator(".cell-run")).isVisible();
    }

    private static void run(Page page, String id) {
        cell(page, id).locator(".cell-run").click();
    }

    private static void assertStatus(Page page, String id, String text) {
        assertThat(cell(page, id).locator(".cell-status")).hasText(Pattern.compile("^" + text),
                new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
    }

    @Test
    void runShowsStandardOutputAndErrorApartWithTheFinalStatus(Page page, TestSite site) {
        open(page, site);
        run(page, "hello");
        assertStatus(page, "hello", "Done");
        assertThat(cell(page, "hello").locator(".out-stdout")).hasText("hello from a cell\n");
        assertThat(cell(page, "hello").locator(".out-stderr")).hasText("careful: this line goes to stderr\n");
        assertThat(cell(page, "hello").locator(".cell-output")).hasAttribute("role", "region");
        assertThat(cell(page, "hello").locator(".cell-stream")).hasAttribute("aria-live", "polite");
    }

    @Test
    void aCellsTimeoutMsAttributeLimitsItsRun(Page page, TestSite site) {
        open(page, site);
        assertThat(cell(page, "sleepy")).hasAttribute("data-timeout-ms", "500");
        run(page, "sleepy");
        assertStatus(page, "sleepy", "Stopped: it ran too long");
        assertThat(cell(page, "sleepy").locator(".cell-output")).containsText("500 ms");
    }

    @Test
    void controlEnterRunsTheCell(Page page, TestSite site) {
        open(page, site);
        cell(page, "hello").locator(".cm-content").click();
        page.keyboard().press("Control+Enter");
        assertStatus(page, "hello", "Done");
    }

    @Test
    void aCompileErrorIsUnderlinedInTheEditor(Page page, TestSite site) {
        open(page, site);
        run(page, "broken");
        assertStatus(page, "broken", "Does not compile");
        Locator underline = cell(page, "broken").locator(".cm-lintRange-error");
        assertThat(underline.first()).isVisible();
        assertThat(underline.first()).containsText("forty-two");
        assertThat(cell(page, "broken").locator(".out-error")).containsText("line 1:");
    }

    @Test
    void stopEndsAnInfiniteLoop(Page page, TestSite site) {
        open(page, site);
        run(page, "loop");
        assertThat(cell(page, "loop").locator(".out-stdout")).hasText("looping\n",
                new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
        assertThat(cell(page, "loop").locator(".cell-indicator")).hasText("Running…");
        cell(page, "loop").locator(".cell-stop").click();
        assertStatus(page, "loop", "Stopped");
        assertThat(cell(page, "loop").locator(".cell-run")).isEnabled();
        assertThat(cell(page, "loop").locator(".cell-stop")).isDisabled();
    }

    @Test
    void twoCellsShareAClassUntilResetClearsIt(Page page, TestSite site) {
        open(page, site);
        run(page, "declare");
        assertStatus(page, "declare", "Done");
        run(page, "use");
        assertStatus(page, "use", "Done");
        assertThat(cell(page, "use").locator(".out-stdout")).hasText("Point[x=1, y=2]\n");

        cell(page, "use").locator(".cell-reset").click();
        assertStatus(page, "use", "Session reset");
        run(page, "use");
        assertStatus(page, "use", "Does not compile");
        assertThat(cell(page, "use").locator(".cm-lintRange-error").first()).containsText("Point");
    }

    @ParameterizedTest(name = "in the {0} theme")
    @ValueSource(strings = {"light", "dark"})
    void buttonsOutputAndErrorsHaveNoSeriousAccessibilityViolations(String theme, Page page, TestSite site) throws Exception {
        open(page, site);
        page.evaluate("theme => { localStorage.setItem('otplab:theme', theme); }", theme);
        page.reload();
        page.waitForSelector("html[data-theme=" + theme + "]");
        run(page, "hello");
        assertStatus(page, "hello", "Done");
        run(page, "broken");
        assertStatus(page, "broken", "Does not compile");
        page.addScriptTag(new Page.AddScriptTagOptions().setContent(Files.readString(AXE)));
        Object violations = page.evaluate("""
                async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', '))
                """);
        assertEquals(List.of(), violations);
    }

    @Test
    void completionOffersGenServerNames(Page page, TestSite site) {
        open(page, site);
        cell(page, "scratch").locator(".cm-content").click();
        page.keyboard().press("Control+End");
        page.keyboard().type("\nGenSer");
        Locator options = page.locator(".cm-tooltip-autocomplete li");
        long deadline = System.nanoTime() + (long) WAIT_MS * 1_000_000;
        // The first request may start the session's worker; ask again until the answer comes.
        while (options.count() == 0 && System.nanoTime() < deadline) {
            page.keyboard().press("Control+Space");
            page.waitForTimeout(500);
        }
        assertThat(options.filter(new Locator.FilterOptions().setHasText("GenServer")).first()).isVisible();
    }

    @Test
    void anOpenPageShowsTheNoticeWhenTheServerStartsToStop(Page page, TestSite site) {
        open(page, site);
        run(page, "hello");
        assertStatus(page, "hello", "Done");
        site.server().announceShutdown("the server is shutting down; please try again in a minute, once it is back");
        assertThat(page.locator("#server-notice")).hasText("the server is shutting down; please try again in a minute, once it is back",
                new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
        assertThat(page.locator("#server-notice")).hasAttribute("role", "status");
    }
}
