package otplab.web;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Console errors and uncaught exceptions of a test's browser page. */
public final class ConsoleLog {
    private final List<String> errors = new CopyOnWriteArrayList<>();

    void attach(Page page) {
        page.onConsoleMessage(message -> {
            // An error page's own 4xx status is reported as a failed load of the document itself: expected.
            boolean documentStatus = message.text().startsWith("Failed to load resource")
                    && message.location().startsWith(page.url());
            if (message.type().equals("error") && !documentStatus) {
                errors.add(message.text() + " (" + page.url() + ")");
            }
        });
        page.onPageError(error -> errors.add("uncaught: " + error + " (" + page.url() + ")"));
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }
}
