package otplab.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RunStatusTest {
    private static final Path STATUS_TABLE_JS = Path.of("web", "src", "output-pane.js");

    @Test
    void theBrowserNamesExactlyTheStatusesTheServerSends() throws IOException {
        String script = Files.readString(STATUS_TABLE_JS);
        Matcher table = Pattern.compile("const STATUS_TEXT = \\{(.*?)\\};", Pattern.DOTALL).matcher(script);
        assertTrue(table.find(), "output-pane.js no longer has its STATUS_TEXT table");
        Set<String> browser = new LinkedHashSet<>();
        Matcher key = Pattern.compile("^\\s*(\\w+):", Pattern.MULTILINE).matcher(table.group(1));
        while (key.find()) {
            browser.add(key.group(1));
        }
        Set<String> server = Arrays.stream(RunStatus.values()).map(RunStatus::wireName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertEquals(server, browser);
    }

    @Test
    void everyWireNameReadsBackAsItsStatus() {
        for (RunStatus status : RunStatus.values()) {
            assertEquals(status, RunStatus.fromWireName(status.wireName()).orElseThrow());
        }
        assertTrue(RunStatus.fromWireName("stopped").isEmpty());
    }
}
