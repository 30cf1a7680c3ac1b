package otplab.runner;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import otplab.web.BrowserExtension;
import otplab.web.ServerConfig;
import otplab.web.TestSite;

/** The course's own web, live, data and config lessons, run by a learner in a real browser. */
@ExtendWith(BrowserExtension.class)
class AnalogLessonsBrowserTest {
    private static final double WAIT_MS = 90_000;

    static void configureServer(ServerConfig.Builder config) {
        config.lessonsDir(Path.of("lessons").toAbsolutePath()).exercisesDir(Path.of("exercises").toAbsolutePath())
                .authorMode(false);
        RunnerModule.addTo(config, Runner.create(s -> s.poolSize(1).maxWorkers(4)));
    }

    private static Locator cell(Page page, String id) {
        return page.locator("figure.cell[data-cell-id=" + id + "]");
    }

    private static void run(Page page, String id) {
        cell(page, id).locator(".cell-run").click();
        assertThat(cell(page, id).locator(".cell-status")).hasText(Pattern.compile("^Done"),
                new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
    }

    @Test
    void theRoutingLessonsRouterAnswersFromTheRequestPanel(Page page, TestSite site) {
        page.navigate(site.url("/lessons/routing"));
        run(page, "blog-router");
        Locator panel = cell(page, "blog-router").locator(".request-panel");
        panel.getByLabel(Pattern.compile("^Method")).selectOption("DELETE");
        panel.getByLabel("Path").fill("/posts/7");
        panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send")).click();
        assertThat(panel.locator(".response-status")).hasText("405", new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
        assertThat(panel.locator(".response-headers")).containsText("allow: GET");
    }

    @Test
    void theLiveViewLessonsChatRunsLiveInThePage(Page page, TestSite site) {
        page.navigate(site.url("/lessons/liveview"));
        run(page, "cell-1");
        run(page, "chat-in-page");
        Locator view = cell(page, "chat-in-page").locator(".live-view");
        view.getByLabel("Your name").fill("ada");
        view.getByLabel("Message").fill("hello from the lesson");
        view.getByLabel("Message").press("Enter");
        assertThat(view.locator("li")).hasText("ada: hello from the lesson", new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
    }

    @Test
    void theDataAndConfigLessonsFirstCellsRunInTheBrowser(Page page, TestSite site) {
        page.navigate(site.url("/lessons/repo-and-queries"));
        run(page, "cell-1");
        page.navigate(site.url("/lessons/runtime-configuration"));
        run(page, "cell-1");
    }
}
