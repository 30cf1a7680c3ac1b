package otplab.runner;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import otplab.web.BrowserExtension;
import otplab.web.CourseFixture;
import otplab.web.ServerConfig;
import otplab.web.TestSite;

/** The request panel and live views of a lesson page, talking to the learner's own worker. */
@ExtendWith(BrowserExtension.class)
@CourseFixture("panels")
class PagePanelsBrowserTest {
    /** Generous: the machine may be busy, and a first run may wait for a worker JVM to start. */
    private static final double WAIT_MS = 90_000;
    private static final Path AXE = Path.of("web/node_modules/axe-core/axe.min.js");

    static void configureServer(ServerConfig.Builder config) {
        RunnerModule.addTo(config, Runner.create(s -> s.poolSize(1).maxWorkers(4)));
    }

    private static Locator cell(Page page, String id) {
        return page.locator("figure.cell[data-cell-id=" + id + "]");
    }

    private static void openAndRun(Page page, TestSite site, String id) {
        page.navigate(site.url("/lessons/panels"));
        cell(page, id).locator(".cell-run").click();
        assertThat(cell(page, id).locator(".cell-status")).hasText(Pattern.compile("^Done"), waiting());
    }

    private static LocatorAssertions.HasTextOptions waiting() {
        return new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS);
    }

    private static LocatorAssertions.ContainsTextOptions waitingFor() {
        return new LocatorAssertions.ContainsTextOptions().setTimeout(WAIT_MS);
    }

    private static void send(Locator panel, String method, String path, String body) {
        panel.getByLabel(Pattern.compile("^Method")).selectOption(method);
        panel.getByLabel("Path").fill(path);
        panel.getByLabel(Pattern.compile("^Body")).fill(body);
        panel.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Send")).click();
    }

    @Test
    void theRequestPanelShowsTheLearnersRouterJsonAnswerAndA404(Page page, TestSite site) {
        openAndRun(page, site, "api");
        Locator panel = cell(page, "api").locator(".request-panel");

        send(panel, "GET", "/api/users/7", "");
        assertThat(panel.locator(".response-status")).hasText("200", waiting());
        assertThat(panel.locator(".response-headers")).containsText("application/json");
        assertThat(panel.locator(".response-body")).containsText("\"name\": \"Ada\"");
        assertThat(panel.locator(".response-body")).containsText("\"id\": \"7\"");

        send(panel, "POST", "/api/users", "{\"name\": \"Grace\"}");
        assertThat(panel.locator(".response-status")).hasText("201", waiting());
        assertThat(panel.locator(".response-body")).containsText("\"created\": \"Grace\"");

        send(panel, "GET", "/nowhere", "");
        assertThat(panel.locator(".response-status")).hasText("404", waiting());
        assertThat(panel.locator(".response-body")).containsText("no route for GET /nowhere");
    }

    @Test
    void theRequestPanelAsksToRunTheCellWhenNoRouterIsThereYet(Page page, TestSite site) {
        page.navigate(site.url("/lessons/panels"));
        Locator panel = cell(page, "api").locator(".request-panel");
        send(panel, "GET", "/api/users/1", "");
        assertThat(panel.locator(".response-status")).containsText("run the cell first", waitingFor());
    }

    @Test
    void theLiveCounterRendersAgainOnEveryClick(Page page, TestSite site) {
        openAndRun(page, site, "counter");
        Locator view = cell(page, "counter").locator(".live-view");
        assertThat(view.locator(".count")).hasText("Count: 0", waiting());
        view.getByText("Add two").click();
        assertThat(view.locator(".count")).hasText("Count: 2", waiting());
        view.getByText("Add two").click();
        assertThat(view.locator(".count")).hasText("Count: 4", waiting());
    }

    @Test
    void theLiveChatRendersAgainOnSubmit(Page page, TestSite site) {
        openAndRun(page, site, "chat");
        Locator view = cell(page, "chat").locator(".live-view");
        view.getByLabel("Name").fill("ada");
        view.getByLabel("Message").fill("hello <everyone>");
        view.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Send")).click();
        assertThat(view.locator(".lines li")).hasText("ada: hello <everyone>", waiting());
    }

    @Test
    void twoTabsOfOneBrowserSeeEachOthersMessagesOnASharedTopic(Page page, TestSite site) {
        Page other = page.context().newPage();
        try {
            openAndRun(page, site, "chat");
            openAndRun(other, site, "chat");
            Locator mine = cell(page, "chat").locator(".live-view");
            Locator theirs = cell(other, "chat").locator(".live-view");
            assertThat(theirs.locator("form")).isVisible();

            mine.getByLabel("Name").fill("ada");
            mine.getByLabel("Message").fill("hi from the first tab");
            mine.getByLabel("Message").press("Enter");
            assertThat(theirs.locator(".lines li")).hasText("ada: hi from the first tab", waiting());
            assertThat(mine.locator(".lines li")).hasText("ada: hi from the first tab", waiting());

            theirs.getByLabel("Name").fill("bob");
            theirs.getByLabel("Message").fill("and back");
            theirs.getByLabel("Message").press("Enter");
            assertThat(mine.locator(".lines li").nth(1)).hasText("bob: and back", waiting());
            assertThat(theirs.locator(".lines li")).hasCount(2);
        } finally {
            other.close();
        }
    }

    @Test
    void thePanelsHaveNoSeriousAccessibilityViolations(Page page, TestSite site) throws Exception {
        openAndRun(page, site, "api");
        Locator panel = cell(page, "api").locator(".request-panel");
        send(panel, "GET", "/nowhere", "");
        assertThat(panel.locator(".response-status")).hasText("404", waiting());
        cell(page, "counter").locator(".cell-run").click();
        assertThat(cell(page, "counter").locator(".live-view .count")).hasText("Count: 0", waiting());
        page.addScriptTag(new Page.AddScriptTagOptions().setContent(Files.readString(AXE)));
        Object violations = page.evaluate("""
                async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', '))
                """);
        assertEquals(List.of(), violations);
    }
}
