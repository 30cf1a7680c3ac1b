package otplab.web;

import io.javalin.config.JavalinConfig;
import io.javalin.websocket.WsContext;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import otplab.course.Course;
import otplab.course.Lesson;

/**
 * Author mode: open pages keep a WebSocket to {@link #PATH}; after the course is read again
 * they get {@code {"type":"reload","slugs":[...]}} naming the lessons that changed, and
 * the pages showing them (and the index) reload.
 */
final class LiveReload {
    static final String PATH = "/live-reload";
    private static final Logger LOG = LoggerFactory.getLogger(LiveReload.class);

    private final Set<WsContext> clients = ConcurrentHashMap.newKeySet();
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    LiveReload(com.fasterxml.jackson.databind.ObjectMapper json) {
        this.json = Objects.requireNonNull(json, "json must not be null");
    }

    void install(JavalinConfig config) {
        config.routes.ws(PATH, ws -> {
            ws.onConnect(ctx -> {
                ctx.enableAutomaticPings();
                clients.add(ctx);
            });
            ws.onClose(ctx -> clients.remove(ctx));
            ws.onError(ctx -> clients.remove(ctx));
        });
    }

    private static java.util.List<String> outline(Course course) {
        return course.lessons().stream().map(l -> l.slug() + "\u0000" + l.title()).toList();
    }

    /** Tells every open page which lessons changed between two readings of the course. */
    void courseChanged(Course before, Course after) {
        Set<String> changed = new LinkedHashSet<>();
        for (Lesson lesson : after.lessons()) {
            if (before.lesson(lesson.slug()).map(old -> !old.equals(lesson)).orElse(true)) {
                changed.add(lesson.slug());
            }
        }
        before.lessons().stream().map(Lesson::slug).filter(s -> after.lesson(s).isEmpty()).forEach(changed::add);
        if (!outline(before).equals(outline(after))) {
            // Titles or order changed: every page's previous/next links may now be stale.
            after.lessons().forEach(l -> changed.add(l.slug()));
        }
        String message;
        try {
            message = json.writeValueAsString(Map.of("type", "reload", "slugs", changed));
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
        for (WsContext client : clients) {
            try {
                client.send(message);
            } catch (RuntimeException gone) {
                LOG.debug("dropping a live-reload client that went away", gone);
                clients.remove(client);
            }
        }
    }
}
