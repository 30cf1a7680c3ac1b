package otplab.exercises;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import otplab.store.SubmissionStore;
import otplab.web.HttpProblem;

/**
 * The name a learner chooses to show their instructor (otherwise the instructor sees only a
 * pseudonym): {@code GET /api/me/name} → {@code {"name"}}; {@code PUT /api/me/name}
 * {@code {"name"}}, an empty name to clear it.
 */
final class LearnerName {
    static final int MAX_CHARS = 60;

    private final SubmissionStore store;
    private final ObjectMapper json;

    LearnerName(SubmissionStore store, ObjectMapper json) {
        this.store = Objects.requireNonNull(store, "store must not be null");
        this.json = Objects.requireNonNull(json, "json must not be null");
    }

    void install(JavalinConfig config) {
        config.routes.get("/api/me/name", ctx -> ctx.json(Map.of("name", store.learnerNames().getOrDefault(LearnerToken.of(ctx), ""))));
        config.routes.put("/api/me/name", this::set);
    }

    private void set(Context ctx) {
        JsonNode body;
        try {
            body = json.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw HttpProblem.badRequest("The request body is not JSON; send {\"name\": \"Ada\"}.");
        }
        if (body == null || !body.path("name").isTextual()) {
            throw HttpProblem.badRequest("The request needs a `name` string; send {\"name\": \"Ada\"}.");
        }
        String name = body.get("name").asText().strip();
        if (name.length() > MAX_CHARS) {
            throw HttpProblem.badRequest("A name may hold at most " + MAX_CHARS + " characters.");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw HttpProblem.badRequest("A name cannot hold line breaks or other control characters.");
        }
        store.setLearnerName(LearnerToken.of(ctx), name);
        ctx.json(Map.of("name", name));
    }
}
