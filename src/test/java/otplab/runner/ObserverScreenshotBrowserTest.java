package otplab.runner;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import otplab.web.BrowserExtension;
import otplab.web.ServerConfig;
import otplab.web.TestSite;

/**
 * The observer on the course's own supervisor lessons, as a learner meets it, photographed. The
 * pictures go to target/observer-screenshots; with {@code -Dotplab.docScreenshots=true} they
 * replace the ones docs/arch/observer.md shows.
 */
@ExtendWith(BrowserExtension.class)
class ObserverScreenshotBrowserTest {
    private static final double WAIT_MS = 90_000;

    static void configureServer(ServerConfig.Builder config) {
        config.lessonsDir(Path.of("lessons").toAbsolutePath()).exercisesDir(Path.of("exercises").toAbsolutePath())
                .authorMode(false);
        RunnerModule.addTo(config, Runner.create(s -> s.poolSize(1).maxWorkers(4)));
    }

    private static Locator cell(Page page, int index) {
        return page.locator("figure.cell:has(.cell-run)").nth(index);
    }

    private static void run(Page page, int index) {
        cell(page, index).locator(".cell-run").click();
        assertThat(cell(page, index).locator(".cell-status")).hasText(Pattern.compile("^Done"),
                new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
    }

    private static Locator row(Page page, String name) {
        return page.locator("aside.observer .obs-proc:not(.obs-exited)[data-name=\"" + name + "\"]");
    }

    private static void photograph(Page page, String file) {
        Path target = Path.of("target", "observer-screenshots", file);
        page.screenshot(new Page.ScreenshotOptions().setPath(target));
        if (Boolean.getBoolean("otplab.docScreenshots")) {
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("docs", "images", file)));
        }
    }

    @Test
    void theSupervisorLessonsShowTheirTreesRestartsStateAndMessagesInTheObserver(Page page, TestSite site) {
        page.setViewportSize(1440, 900);
        page.navigate(site.url("/lessons/supervisors"));
        Locator observer = page.locator("aside.observer");
        assertThat(observer.locator(".observer-toggle")).hasAttribute("aria-expanded", "true");

        run(page, 0);
        run(page, 1);
        assertThat(row(page, "shop_sup")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(WAIT_MS));
        row(page, "shop_sup").scrollIntoViewIfNeeded();
        cell(page, 2).scrollIntoViewIfNeeded();
        run(page, 2);
        assertThat(observer.locator(".obs-restarted")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(WAIT_MS));
        photograph(page, "observer-restart.png");

        page.navigate(site.url("/lessons/supervisor-strategies"));
        run(page, 0);
        assertThat(row(page, "all_a")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(WAIT_MS));
        row(page, "all_a").locator(".obs-label").click();
        assertThat(observer.locator(".obs-state")).hasText("all_a", new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
        photograph(page, "observer-one-for-all.png");

        observer.locator(".observer-tab", new Locator.LocatorOptions().setHasText("Messages")).click();
        assertThat(observer.locator("svg.obs-seq")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(WAIT_MS));
        photograph(page, "observer-messages.png");
    }
}
