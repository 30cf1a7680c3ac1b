package otplab.runner;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.util.regex.Pattern;
import otplab.web.TestSite;

/** What the notebook browser tests do on the {@code notebook} fixture's lesson page. */
final class NotebookBrowser {
    /** Generous: the machine may be busy, and a first run may wait for a worker JVM to start. */
    static final double WAIT_MS = 90_000;

    private NotebookBrowser() {}

    static Locator cell(Page page, String id) {
        return page.locator("figure.cell[data-cell-id=" + id + "]");
    }

    static void open(Page page, TestSite site) {
        page.navigate(site.url("/lessons/notebook"));
        assertThat(cell(page, "declare").locator(".cell-run")).isVisible();
    }

    static void run(Page page, String id) {
        cell(page, id).locator(".cell-run").click();
    }

    static void assertStatus(Page page, String id, String text) {
        // Playwright hands the pattern to JavaScript, which has no \Q…\E quoting: escape by hand.
        String literal = text.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0");
        assertThat(cell(page, id).locator(".cell-status")).hasText(Pattern.compile("^" + literal),
                new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS));
    }

    static void setCode(Page page, String id, String code) {
        page.evaluate("([id, code]) => window.OTPLab.cells.get(id).setCode(code)", java.util.List.of(id, code));
    }
}
