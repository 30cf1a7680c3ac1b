package otplab.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Real server + real browser for tests. Resolves test parameters:
 * <ul>
 *   <li>{@link TestSite}: one server per test class, on a free port, with a temporary copy of
 *       the fixture named by {@link CourseFixture} (default {@code basic}). A test class may
 *       declare {@code static void configureServer(ServerConfig.Builder config)} to add modules
 *       or health figures before it starts, or {@code configureServer(ServerConfig.Builder config,
 *       Path scratch)} to get a folder (a data directory) deleted after the server stops.</li>
 *   <li>{@link Page}: a fresh browser context and page per test (its own localStorage), from one
 *       Debian Chromium per JVM, launched only when a test asks for a page. Playwright never
 *       downloads a browser.</li>
 *   <li>{@link ConsoleLog}: the page's console errors. A test whose page logged errors fails
 *       unless it is annotated {@link AllowConsoleErrors}.</li>
 * </ul>
 */
public final class BrowserExtension implements ParameterResolver, AfterEachCallback {
    public static final String DEFAULT_FIXTURE = "basic";
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final List<String> CHROMIUM_ARGS = List.of("--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(BrowserExtension.class);

    /** The JVM-wide browser, closed when the test run ends. */
    private record SharedBrowser(Playwright playwright, Browser browser) implements AutoCloseable {
        static SharedBrowser launch() {
            if (!Files.isExecutable(CHROMIUM)) {
                throw new IllegalStateException("browser tests need Debian's Chromium at " + CHROMIUM
                        + "; install it with: apt-get install -y chromium (./otplab test does this)");
            }
            Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(CHROMIUM_ARGS));
            return new SharedBrowser(playwright, browser);
        }

        @Override
        public void close() {
            browser.close();
            playwright.close();
        }
    }

    private record PageSession(BrowserContext context, Page page, ConsoleLog log) implements AutoCloseable {
        @Override
        public void close() {
            context.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestSite.class || type == Page.class || type == ConsoleLog.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        if (type == TestSite.class) {
            return site(extension);
        }
        PageSession session = pageSession(extension);
        return type == Page.class ? session.page() : session.log();
    }

    /** The site of the test's class, started on first use. */
    public static TestSite site(ExtensionContext extension) {
        ExtensionContext classContext = extension.getTestClass().isPresent() && extension.getTestMethod().isPresent()
                ? extension.getParent().orElseThrow() : extension;
        Class<?> testClass = classContext.getRequiredTestClass();
        return classContext.getStore(NS).computeIfAbsent("site", key -> {
            CourseFixture fixture = testClass.getAnnotation(CourseFixture.class);
            return TestSite.start(fixture == null ? DEFAULT_FIXTURE : fixture.value(), configurer(testClass));
        }, TestSite.class);
    }

    private static BiConsumer<ServerConfig.Builder, Path> configurer(Class<?> testClass) {
        for (Method method : testClass.getDeclaredMethods()) {
            if (!method.getName().equals("configureServer")) {
                continue;
            }
            if (!Modifier.isStatic(method.getModifiers())) {
                throw new ParameterResolutionException("configureServer in " + testClass.getName() + " must be static");
            }
            method.setAccessible(true);
            boolean wantsScratch = method.getParameterCount() == 2;
            return (config, scratch) -> {
                try {
                    if (wantsScratch) {
                        method.invoke(null, config, scratch);
                    } else {
                        method.invoke(null, config);
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("configureServer failed", e);
                }
            };
        }
        return (config, scratch) -> { };
    }

    private static PageSession pageSession(ExtensionContext extension) {
        return extension.getStore(NS).computeIfAbsent("page", key -> {
            SharedBrowser shared = extension.getRoot().getStore(NS)
                    .computeIfAbsent("browser", k -> SharedBrowser.launch(), SharedBrowser.class);
            BrowserContext context = shared.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
            Page page = context.newPage();
            ConsoleLog log = new ConsoleLog();
            log.attach(page);
            return new PageSession(context, page, log);
        }, PageSession.class);
    }

    @Override
    public void afterEach(ExtensionContext extension) {
        PageSession session = extension.getStore(NS).get("page", PageSession.class);
        if (session == null) {
            return;
        }
        boolean allowed = extension.getRequiredTestMethod().isAnnotationPresent(AllowConsoleErrors.class)
                || extension.getRequiredTestClass().isAnnotationPresent(AllowConsoleErrors.class);
        List<String> errors = session.log().errors();
        if (!allowed && !errors.isEmpty()) {
            throw new AssertionError("the page logged console errors: " + errors);
        }
    }
}
