package otplab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** axe-core (from web/node_modules, installed by the build) finds no serious or critical violations. */
@ExtendWith(BrowserExtension.class)
class AccessibilityBrowserTest {
    private static final Path AXE = Path.of("web/node_modules/axe-core/axe.min.js");

    @ParameterizedTest(name = "{0} in the {1} theme")
    @CsvSource({"/, light", "/, dark", "/lessons/first-steps, light", "/lessons/first-steps, dark",
            "/lessons/no-such-lesson, light"})
    void hasNoSeriousOrCriticalViolations(String path, String theme, Page page, TestSite site) throws Exception {
        page.navigate(site.url(path));
        page.evaluate("theme => { localStorage.setItem('otplab:theme', theme); }", theme);
        page.reload();
        page.waitForSelector("html[data-theme=" + theme + "]");
        if (path.startsWith("/lessons/first")) {
            page.waitForSelector("figure.cell.is-mounted");
        }
        page.addScriptTag(new Page.AddScriptTagOptions().setContent(Files.readString(AXE)));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) page.evaluate("""
                async () => {
                  const result = await axe.run(document, { resultTypes: ['violations'] });
                  return result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }));
                }
                """);
        assertEquals(List.of(), violations);
    }
}
