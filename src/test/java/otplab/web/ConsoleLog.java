package otplab.web;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Console errors and uncaught exceptions of a test's browser page. */
public final class ConsoleLog {
    private final List<String> errors = new CopyOnWriteArrayList<>();

    void attach(Page page) {
        page.onConsoleMessage(message -> {
            if (message.type().equals("error")) {
                errors.add(message.text() + " (" + page.url() + ")");
            }
        });
        page.onPageError(error -> errors.add("uncaught: " + error + " (" + page.url() + ")"));
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }
}
