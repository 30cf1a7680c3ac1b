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

/** What a cell tells the learner: nothing half-run, out-of-order runs in words, values only where wanted, the size limit. */
@ExtendWith(BrowserExtension.class)
@CourseFixture("notebook")
class CellMessagesBrowserTest {
    static void configureServer(ServerConfig.Builder config) {
        RunnerModule.addTo(config, Runner.create(s -> s.poolSize(1).maxWorkers(2)));
    }

    @Test
    void aCompileErrorRunsNothingOfTheCellAndIsUnderlined(Page page, TestSite site) {
        open(page, site);
        run(page, "half");
        assertStatus(page, "half", "Does not compile");
        assertThat(cell(page, "half").locator(".cm-lintRange-error").first()).containsText("\"not a number\"");
        assertThat(cell(page, "half").locator(".cell-stream")).not().containsText("printed before the error");
    }

    @Test
    void runningACellBeforeTheCellItNeedsSaysWhichCellToRunFirst(Page page, TestSite site) {
        open(page, site);
        run(page, "early");
        assertStatus(page, "early", "Does not compile");
        assertThat(cell(page, "early").locator(".out-error").first())
                .containsText("this uses greeting, which is not declared yet: run the cell above that declares it first");
        run(page, "late");
        assertStatus(page, "late", "Done");
        run(page, "early");
        assertStatus(page, "early", "Done");
        assertThat(cell(page, "early").locator(".out-stdout")).hasText("hello\n");
    }

    @Test
    void onlyTheLastExpressionShowsAValueWithoutJShellsNames(Page page, TestSite site) {
        open(page, site);
        run(page, "values");
        assertStatus(page, "values", "Done");
        assertThat(cell(page, "values").locator(".out-value")).hasText("numbers ==> [3]\n");
        run(page, "declare");
        assertStatus(page, "declare", "Done");
        assertThat(cell(page, "declare").locator(".out-value")).hasCount(0);
    }

    @Test
    void aCellOverTheSizeLimitSaysItsSizeAndTheLimit(Page page, TestSite site) {
        open(page, site);
        setCode(page, "declare", "// " + "x".repeat(70 * 1024));
        run(page, "declare");
        assertStatus(page, "declare", "Refused");
        assertThat(cell(page, "declare").locator(".out-error"))
                .containsText("this cell is 70.0 KiB of code, over the limit of 64 KiB for one cell: split it into smaller cells");
    }
}
