package otplab.exercises;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.RequestOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import otplab.runner.Runner;
import otplab.runner.RunnerModule;
import otplab.store.SubmissionStore;
import otplab.web.BrowserExtension;
import otplab.web.CourseFixture;
import otplab.web.ServerConfig;
import otplab.web.TestSite;

/** A learner who chose a name submits; the instructor sees the name, opens the submission's code and tests, and exports progress. */
@ExtendWith(BrowserExtension.class)
@CourseFixture("exercises")
class InstructorBrowserTest {
    private static final double WAIT_MS = 90_000;
    private static final String TOKEN = "instructor-browser-secret";

    static void configureServer(ServerConfig.Builder config, Path dataDir) {
        Runner runner = Runner.create(s -> s.poolSize(0).maxWorkers(2));
        ExerciseModule.addTo(RunnerModule.addTo(config, runner), runner.workers(), SubmissionStore.inDataDir(dataDir),
                Map.of(InstructorView.ENV_TOKEN, TOKEN));
    }

    @Test
    void theInstructorSeesTheLearnersNameTheirCodeAndEachTestsResult(Page page, TestSite site) {
        page.navigate(site.url("/"));
        page.locator("#learner-name-input").fill("Ada Lovelace");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save name")).click();
        assertThat(page.locator(".learner-name-status")).hasText("Saved: your instructor sees “Ada Lovelace”.");

        page.navigate(site.url("/exercises/greeting"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit")).click();
        assertThat(page.locator("#results-summary")).hasText("Submission: 0 of 3 tests passed.",
                new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));

        page.navigate(site.url("/instructor"));
        page.locator("#instructor-token").fill(TOKEN);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.locator("#submissions")).containsText("Ada Lovelace (learner-");
        page.locator("#submissions a").first().click();
        assertThat(page.locator("#submission-learner")).containsText("Ada Lovelace");
        assertThat(page.locator(".submission-file", new Page.LocatorOptions().setHasText("greet is not written yet"))).hasCount(1);
        assertThat(page.locator(".submission-file")).hasCount(2);
        assertThat(page.locator("#submission-tests tbody tr")).hasCount(3);
        assertThat(page.locator("#submission-tests tbody tr").first()).containsText("errorjava.lang.IllegalStateException: greet is not written yet");

        APIResponse csv = page.request().get(site.url("/instructor/progress.csv"),
                RequestOptions.create().setHeader("Authorization", "Bearer " + TOKEN));
        assertTrue(csv.ok(), csv.statusText());
        assertTrue(csv.text().startsWith("learner,exercise,submissions,passed,best_score,last_submitted_at\n"), csv.text());
        assertTrue(csv.text().contains("Ada Lovelace (learner-"), csv.text());
        assertTrue(csv.text().contains(",greeting,1,false,0.00,"), csv.text());
    }
}
