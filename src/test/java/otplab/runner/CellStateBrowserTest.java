package otplab.runner;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static otplab.runner.NotebookBrowser.assertStatus;
import static otplab.runner.NotebookBrowser.cell;
import static otplab.runner.NotebookBrowser.open;
import static otplab.runner.NotebookBrowser.run;
import static otplab.runner.NotebookBrowser.setCode;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import otplab.web.BrowserExtension;
import otplab.web.CourseFixture;
import otplab.web.ServerConfig;
import otplab.web.TestSite;

/** Stale marks, "Run all above" and "Restore" on a lesson's cells. */
@ExtendWith(BrowserExtension.class)
@CourseFixture("notebook")
class CellStateBrowserTest {
    static void configureServer(ServerConfig.Builder config) {
        RunnerModule.addTo(config, Runner.create(s -> s.poolSize(1).maxWorkers(2)));
    }

    @Test
    void editingACellThatRanMarksItAndTheCellsBelowThatRanStaleUntilRestored(Page page, TestSite site) {
        open(page, site);
        run(page, "declare");
        assertStatus(page, "declare", "Done");
        run(page, "use");
        assertStatus(page, "use", "Done");
        assertThat(cell(page, "use").locator(".cell-stale")).isHidden();
        assertThat(cell(page, "declare").locator(".cell-restore")).isDisabled();

        setCode(page, "declare", "int total = 1;");
        assertThat(cell(page, "declare").locator(".cell-stale")).hasText("Edited since it ran");
        assertThat(cell(page, "use").locator(".cell-stale")).hasText("A cell above changed since this ran");
        assertThat(cell(page, "half").locator(".cell-stale")).isHidden();

        cell(page, "declare").locator(".cell-restore").click();
        assertThat(cell(page, "declare").locator(".cm-content")).hasText("int total = 41;");
        assertThat(cell(page, "declare").locator(".cell-stale")).isHidden();
        assertThat(cell(page, "use").locator(".cell-stale")).isHidden();
        assertThat(cell(page, "declare").locator(".cell-restore")).isDisabled();
    }

    @Test
    void rerunningACellAboveMarksTheCellsBelowThatRanStale(Page page, TestSite site) {
        open(page, site);
        run(page, "declare");
        assertStatus(page, "declare", "Done");
        run(page, "use");
        assertStatus(page, "use", "Done");
        run(page, "declare");
        assertStatus(page, "declare", "Done");
        assertThat(cell(page, "use").locator(".cell-stale")).hasText("A cell above changed since this ran");
        run(page, "use");
        assertStatus(page, "use", "Done");
        assertThat(cell(page, "use").locator(".cell-stale")).isHidden();
    }

    @Test
    void runAllAboveRunsTheCellsAboveInOrderSkippingThoseWrittenToFail(Page page, TestSite site) {
        open(page, site);
        assertThat(cell(page, "declare").locator(".cell-run-above")).isHidden();
        cell(page, "late").locator(".cell-run-above").click();
        assertStatus(page, "declare", "Done");
        assertStatus(page, "use", "Done");
        assertThat(cell(page, "use").locator(".out-stdout")).hasText("42\n");
        assertThat(cell(page, "half").locator(".cell-status")).hasText("");
        assertThat(cell(page, "early").locator(".cell-status")).hasText("");
    }
}
