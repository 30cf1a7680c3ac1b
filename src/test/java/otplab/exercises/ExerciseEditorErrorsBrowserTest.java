package otplab.exercises;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import otplab.runner.Runner;
import otplab.runner.RunnerModule;
import otplab.store.SubmissionStore;
import otplab.web.AllowConsoleErrors;
import otplab.web.BrowserExtension;
import otplab.web.CourseFixture;
import otplab.web.ServerConfig;
import otplab.web.TestSite;

/** The exercise editor underlines what the grader's compile error names, and a file too large gets a sentence. */
@ExtendWith(BrowserExtension.class)
@CourseFixture("exercises")
class ExerciseEditorErrorsBrowserTest {
    private static final double WAIT_MS = 90_000;

    static void configureServer(ServerConfig.Builder config, Path dataDir) {
        Runner runner = Runner.create(s -> s.poolSize(0).maxWorkers(2));
        ExerciseModule.addTo(RunnerModule.addTo(config, runner), runner.workers(), SubmissionStore.inDataDir(dataDir), Map.of());
    }

    private static void open(Page page, TestSite site) {
        page.navigate(site.url("/exercises/greeting"));
        assertThat(page.locator("#file-panel-0 .cm-content")).isVisible();
    }

    private static Locator editor(Page page, String file) {
        return page.locator(".file-panel[data-file='" + file + "'] .cm-content");
    }

    @Test
    void aCompileErrorIsUnderlinedOnItsLineInTheFilesEditor(Page page, TestSite site) {
        open(page, site);
        editor(page, "Greeter.java").fill("""
                public final class Greeter {
                    private Greeter() {}

                    public static String greet(String name) {
                        int count = "not a number";
                        return "Hello, " + name;
                    }
                }""");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run tests")).click();
        assertThat(page.locator("#results-summary")).hasText(Pattern.compile("could not be graded"),
                new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
        Locator underline = page.locator(".file-panel[data-file='Greeter.java'] .cm-lintRange-error");
        assertThat(underline.first()).containsText("int count = \"not a number\";");
    }

    @Test
    @AllowConsoleErrors // Chromium logs the 413 answer itself; the page must only word it
    void aFileLargerThanTheServerAcceptsGetsASentence(Page page, TestSite site) {
        open(page, site);
        // Typing 2 MiB would take minutes: paste it, as a learner would.
        editor(page, "Greeter.java").click();
        page.evaluate("() => { const data = new DataTransfer(); data.setData('text/plain', '// ' + 'x'.repeat(2 * 1024 * 1024)); "
                + "document.querySelector(\".file-panel[data-file='Greeter.java'] .cm-content\")"
                + ".dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })); }");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run tests")).click();
        assertThat(page.locator("#grading-status")).hasText(Pattern.compile("larger than the server accepts: a code file may hold at most 64 KiB"),
                new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
    }
}
