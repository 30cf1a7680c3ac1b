package otplab.runner;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static otplab.runner.NotebookBrowser.WAIT_MS;
import static otplab.runner.NotebookBrowser.assertStatus;
import static otplab.runner.NotebookBrowser.cell;
import static otplab.runner.NotebookBrowser.open;
import static otplab.runner.NotebookBrowser.run;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import otplab.web.BrowserExtension;
import otplab.web.CourseFixture;
import otplab.web.ServerConfig;
import otplab.web.TestSite;

/**
 * A flood of output (1 MiB in about a second) streams into a bounded pane and the page keeps
 * answering clicks meanwhile. The click delays are printed as a measurement, never asserted.
 */
@ExtendWith(BrowserExtension.class)
@CourseFixture("notebook")
class OutputPaneBrowserTest {
    private static final int FLOOD_LINES = 16_000;
    private static final int LINE_CHARS = 64;

    static void configureServer(ServerConfig.Builder config) {
        RunnerModule.addTo(config, Runner.create(s -> s.poolSize(1).maxWorkers(2)));
    }

    /** A button outside the cell whose handler records how long each click waited for the page (event time → handler). */
    private static void addClickProbe(Page page) {
        page.evaluate("""
                () => {
                  const probe = document.createElement('button');
                  probe.id = 'click-probe';
                  probe.textContent = 'probe';
                  window.clickDelays = [];
                  probe.addEventListener('click', (event) => {
                    window.clickDelays.push(performance.now() - event.timeStamp);
                    probe.textContent = 'clicked ' + window.clickDelays.length;
                  });
                  document.body.prepend(probe);
                }
                """);
    }

    @Test
    void aFloodOfOutputStreamsIntoABoundedPaneWhileThePageAnswersClicks(Page page, TestSite site) {
        open(page, site);
        addClickProbe(page);
        Locator probe = page.locator("#click-probe");
        for (int i = 1; i <= 5; i++) {
            probe.click();
            assertThat(probe).hasText("clicked " + i);
        }
        @SuppressWarnings("unchecked")
        List<Number> idle = new ArrayList<>((List<Number>) page.evaluate("window.clickDelays.splice(0)"));
        probe.evaluate("p => { p.textContent = 'probe'; }");
        long started = System.nanoTime();
        run(page, "flood");
        assertThat(cell(page, "flood").locator(".cell-indicator")).hasText("Running…",
                new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
        int clicks = 0;
        while (cell(page, "flood").locator(".cell-indicator").isVisible() && clicks < 20) {
            probe.click();
            clicks++;
            assertThat(probe).hasText("clicked " + clicks);
        }
        assertStatus(page, "flood", "Done");
        long doneMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(clicks > 0, "the flood ended before the page could be clicked");
        @SuppressWarnings("unchecked")
        List<Number> delays = new ArrayList<>((List<Number>) page.evaluate("window.clickDelays"));
        System.out.println("click delays idle (ms): " + idle);
        System.out.println("click delays during a 1 MiB flood (ms): " + delays);
        System.out.println("1 MiB flood: click on Run to Done shown (ms): " + doneMs);

        Locator stream = cell(page, "flood").locator(".cell-stream");
        int viewport = ((Number) stream.evaluate("e => e.clientHeight")).intValue();
        int content = ((Number) stream.evaluate("e => e.scrollHeight")).intValue();
        assertTrue(content > viewport, "the pane should scroll instead of growing: " + viewport + " of " + content);
        Locator showAll = cell(page, "flood").locator(".cell-show-all");
        assertThat(showAll).isVisible();
        showAll.click();
        assertThat(showAll).isHidden();
        assertEquals(FLOOD_LINES * LINE_CHARS, ((Number) stream.evaluate("e => e.textContent.length")).intValue());
        int expanded = ((Number) stream.evaluate("e => e.clientHeight")).intValue();
        assertTrue(expanded > viewport, "Show all should let the pane grow: " + viewport + " → " + expanded);
    }

    @Test
    void shortOutputKeepsOneElementPerStream(Page page, TestSite site) {
        open(page, site);
        run(page, "declare");
        assertStatus(page, "declare", "Done");
        run(page, "use");
        assertStatus(page, "use", "Done");
        assertThat(cell(page, "use").locator(".out-stdout")).hasText("42\n");
        assertThat(cell(page, "use").locator(".cell-show-all")).isHidden();
    }
}
