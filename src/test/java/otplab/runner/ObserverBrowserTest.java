package otplab.runner;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.io.IOException;
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

/** The live process observer beside a lesson: a real server, the learner's sandboxed worker, a real browser. */
@ExtendWith(BrowserExtension.class)
@CourseFixture("observer")
class ObserverBrowserTest {
    /** Generous: the machine may be busy, and a first run may wait for a worker JVM to start. */
    private static final double WAIT_MS = 90_000;
    private static final Path AXE = Path.of("web/node_modules/axe-core/axe.min.js");

    static void configureServer(ServerConfig.Builder config) {
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

    private static Locator observer(Page page) {
        return page.locator("aside.observer");
    }

    /** The live (not fading) row of the process registered as name. */
    private static Locator row(Page page, String name) {
        return observer(page).locator(".obs-proc:not(.obs-exited)[data-name=\"" + name + "\"]");
    }

    private static String pidOf(Page page, String name) {
        assertThat(row(page, name)).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(WAIT_MS));
        return row(page, name).getAttribute("data-pid");
    }

    /** Waits until the process named name runs under another pid than before. */
    private static void awaitNewPid(Page page, String name, String before) {
        assertThat(row(page, name)).not().hasAttribute("data-pid", before,
                new LocatorAssertions.HasAttributeOptions().setTimeout(WAIT_MS));
        assertThat(row(page, name)).hasCount(1);
    }

    private static void openObserverAndDefine(Page page, TestSite site) {
        page.navigate(site.url("/lessons/observer"));
        Locator toggle = observer(page).locator(".observer-toggle");
        assertThat(toggle).isVisible();
        if ("false".equals(toggle.getAttribute("aria-expanded"))) {
            toggle.click();
        }
        assertThat(toggle).hasAttribute("aria-expanded", "true");
        run(page, "define");
    }

    @Test
    void crashingOneChildUnderOneForAllRestartsAllThreeInTheTree(Page page, TestSite site) {
        openObserverAndDefine(page, site);
        run(page, "team");
        String a = pidOf(page, "a");
        String b = pidOf(page, "b");
        String c = pidOf(page, "c");
        assertThat(row(page, "team")).hasClass(Pattern.compile("obs-supervisor"));
        assertThat(row(page, "team").locator(".obs-kind")).hasText("Supervisor one_for_all");
        assertThat(row(page, "a").locator(".obs-kind")).hasText("Member");

        run(page, "crash-b");
        awaitNewPid(page, "a", a);
        awaitNewPid(page, "b", b);
        awaitNewPid(page, "c", c);
        assertThat(observer(page).locator(".observer-events")).containsText("b crashed: boom");
        assertThat(observer(page).locator(".observer-events")).containsText("restarted b");
    }

    @Test
    void exceedingTheRestartIntensityTakesTheSupervisorAway(Page page, TestSite site) {
        openObserverAndDefine(page, site);
        run(page, "fragile");
        String d = pidOf(page, "d");
        pidOf(page, "fragile");

        run(page, "crash-d");
        awaitNewPid(page, "d", d);
        run(page, "crash-d");
        assertThat(row(page, "fragile")).hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(WAIT_MS));
        assertThat(row(page, "d")).hasCount(0);
        assertThat(observer(page).locator(".observer-events")).containsText("fragile exited: shutdown",
                new LocatorAssertions.ContainsTextOptions().setTimeout(WAIT_MS));
    }

    @Test
    void killingAProcessFromTheObserverLetsItsSupervisorRestartIt(Page page, TestSite site) {
        openObserverAndDefine(page, site);
        run(page, "team");
        String a = pidOf(page, "a");

        row(page, "a").locator(".obs-label").click();
        Locator details = observer(page).locator(".observer-details");
        assertThat(details.locator(".obs-state")).hasText("member a", new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
        details.locator(".obs-kill").click();

        awaitNewPid(page, "a", a);
        assertThat(observer(page).locator(".observer-events")).containsText("a crashed: killed");
        assertThat(details.locator(".obs-details-title")).containsText("(exited)");
    }

    @Test
    void aCustomExitReasonReachesTheSupervisorAndAPlainProcessHasNoState(Page page, TestSite site) {
        openObserverAndDefine(page, site);
        run(page, "team");
        String b = pidOf(page, "b");
        row(page, "b").locator(".obs-label").click();
        Locator details = observer(page).locator(".observer-details");
        details.locator(".obs-reason").fill("tired");
        details.locator(".obs-custom").click();
        awaitNewPid(page, "b", b);
        assertThat(observer(page).locator(".observer-events")).containsText("b crashed: tired");

        observer(page).locator(".obs-proc[data-status]").first().locator(".obs-label").click();
        assertThat(details.locator(".obs-get-state")).hasCount(0);
    }

    @Test
    void messagesBetweenNamedProcessesShowInTheSequenceView(Page page, TestSite site) {
        openObserverAndDefine(page, site);
        run(page, "talk");
        observer(page).locator(".observer-tab", new Locator.LocatorOptions().setHasText("Messages")).click();
        Locator drawing = observer(page).locator("svg.obs-seq");
        assertThat(drawing).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(WAIT_MS));
        assertThat(drawing.locator(".obs-seq-name", new Locator.LocatorOptions().setHasText("tally"))).hasCount(1);
        assertThat(drawing.locator(".obs-seq-arrow.obs-seq-call").first()).isAttached();
        assertThat(drawing.locator(".obs-seq-arrow.obs-seq-reply").first()).isAttached();
        assertNotEquals(0, drawing.locator(".obs-seq-text").count());
    }

    @Test
    void aThousandProcessesShowAsABoundedTreeThatStillAnswersClicks(Page page, TestSite site) {
        openObserverAndDefine(page, site);
        run(page, "many");
        assertThat(row(page, "many").locator(".obs-note")).hasText("+960 more",
                new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
        assertThat(observer(page).locator(".observer-count")).hasText(Pattern.compile("^1,0\\d\\d processes, \\d+ shown$"));
        row(page, "many").locator(".obs-label").click();
        assertThat(observer(page).locator(".obs-details-title")).hasText("many");
    }

    @Test
    void theOpenObserverWithASelectedProcessHasNoSeriousAccessibilityProblems(Page page, TestSite site) throws IOException {
        openObserverAndDefine(page, site);
        run(page, "team");
        row(page, "a").locator(".obs-label").click();
        assertThat(observer(page).locator(".obs-state")).hasText("member a", new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
        page.addScriptTag(new Page.AddScriptTagOptions().setContent(Files.readString(AXE)));
        Object violations = page.evaluate("""
                async () => (await axe.run(document.querySelector('aside.observer'), { resultTypes: ['violations'] })).violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', '))
                """);
        assertEquals(List.of(), violations);
    }
}
