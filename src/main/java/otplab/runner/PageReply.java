package otplab.runner;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** How a session's worker answered a {@link PageCall}. */
public sealed interface PageReply {
    /** The router's response to an {@link PageCall.HttpRequest}. */
    record Response(int status, List<String> headers, String body) implements PageReply {
        public Response {
            headers = List.copyOf(headers);
            Objects.requireNonNull(body, "body must not be null");
        }
    }

    /** The live view took the event; its new markup arrives as a {@link PageEvent.LiveRender}. */
    record Handled() implements PageReply {}

    /** The worker answered with a sentence for the learner (no router yet, no such view, a crash in the handler). */
    record Refused(String error) implements PageReply {
        public Refused {
            Objects.requireNonNull(error, "error must not be null");
        }
    }

    /** The page's session has no live worker: nothing has run yet, or it was reset or lost. */
    record NoWorker() implements PageReply {}

    /** No answer within {@code waited} (or the worker ended): the worker was replaced. */
    record NoAnswer(Duration waited) implements PageReply {
        public NoAnswer {
            Objects.requireNonNull(waited, "waited must not be null");
        }
    }
}
