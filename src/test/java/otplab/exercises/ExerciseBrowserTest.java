package otplab.exercises;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

/** A learner solving the fixture exercise in a real browser, graded in real sandboxed workers. */
@ExtendWith(BrowserExtension.class)
@CourseFixture("exercises")
class ExerciseBrowserTest {
    private static final Path AXE = Path.of("web/node_modules/axe-core/axe.min.js");
    /** Generous: the machine may be busy, and each grading starts a worker JVM. */
    private static final double WAIT_MS = 90_000;

    static void configureServer(ServerConfig.Builder config, Path dataDir) {
        Runner runner = Runner.create(s -> s.poolSize(0).maxWorkers(2));
        ExerciseModule.addTo(RunnerModule.addTo(config, runner), runner.workers(), SubmissionStore.inDataDir(dataDir), Map.of());
    }

    private static void open(Page page, TestSite site) {
        page.navigate(site.url("/exercises/greeting"));
        assertThat(page.locator("#file-panel-0 .cm-content")).isVisible();
    }

    private static void write(Page page, String file, String code) {
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(file)).click();
        Locator editor = page.locator(".file-panel[data-file='" + file + "'] .cm-content");
        editor.fill(code);
    }

    private static void waitForSummary(Page page, String text) {
        assertThat(page.locator("#results-summary")).hasText(text, new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
    }

    @Test
    void aFailingThenAPassingSubmissionShowsEachTestAndMarksTheExerciseDone(Page page, TestSite site) {
        open(page, site);
        write(page, GreetingSolutions.GREETER, GreetingSolutions.GREETER_PASSING);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit")).click();
        waitForSummary(page, "Submission: 0 of 3 tests passed.");

        Locator tests = page.locator("#test-results > li");
        assertThat(tests).hasCount(3);
        Locator first = tests.nth(0);
        assertThat(first.locator(".test-name")).hasText("Failed greets a person by name");
        assertThat(first.locator(".test-message")).containsText("Hello, Ada!");
        assertThat(first.locator(".test-output pre")).containsText("greeting Ada");
        assertThat(first.locator(".test-code pre")).containsText("Greeter.greet(\"Ada\")");
        Locator hidden = tests.nth(2);
        assertThat(hidden.locator(".test-name")).hasText("Failed keeps the name as written (hidden test)");
        assertThat(hidden.locator(".test-code")).hasCount(0);
        assertThat(page.locator("#exercise-done")).isHidden();

        write(page, GreetingSolutions.PUNCTUATION, GreetingSolutions.PUNCTUATION_FIXED);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit")).click();
        waitForSummary(page, "Submission: all 3 tests passed.");
        assertThat(tests.locator(".test-status")).hasText(new String[] {"Passed", "Passed", "Passed"});
        assertThat(page.locator("#exercise-done")).isVisible();
        assertThat(page.locator("#history-list > li")).hasCount(2);

        page.navigate(site.url("/"));
        Locator item = page.locator("[data-exercise-slug='greeting']");
        assertThat(item.locator("[data-exercise-done]")).isVisible();
        assertThat(item.locator("[data-exercise-done]")).hasText("Completed");

        open(page, site);
        assertThat(page.locator(".file-panel[data-file='Punctuation.java'] .cm-content")).containsText("END = \"!\"");
        assertThat(page.locator("#exercise-done")).isVisible();
    }

    @Test
    void runTestsRunsOnlyTheVisibleTestsAndHintsComeOneAtATime(Page page, TestSite site) throws IOException {
        open(page, site);
        Locator hints = page.locator("#hint-list li");
        assertThat(hints.nth(0)).isHidden();
        page.locator("#show-hint").click();
        assertThat(hints.nth(0)).isVisible();
        assertThat(hints.nth(1)).isHidden();
        assertThat(page.locator("#show-hint")).hasText("Show hint 2 of 2");
        page.locator("#show-hint").click();
        assertThat(hints.nth(1)).isVisible();
        assertThat(page.locator("#show-hint")).isHidden();

        page.locator("#file-tab-0").focus();
        page.keyboard().press("ArrowRight");
        assertThat(page.locator("#file-tab-1")).isFocused();
        assertThat(page.locator("#file-panel-1")).isVisible();
        assertThat(page.locator("#file-panel-0")).isHidden();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run tests")).click();
        waitForSummary(page, "Visible tests: 0 of 2 tests passed.");
        assertThat(page.locator("#test-results .test-message").first()).containsText("greet is not written yet");
        assertThat(page.locator("#history-empty")).isVisible();

        page.addScriptTag(new Page.AddScriptTagOptions().setContent(Files.readString(AXE)));
        Object violations = page.evaluate("""
                async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', '))
                """);
        assertEquals(List.of(), violations);
        assertThat(page.locator("#results")).hasAttribute("data-status", Pattern.compile("fail"));
    }
}
