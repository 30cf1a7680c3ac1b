package otplab.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import otplab.jvm.WorkerConnection;
import otplab.protocol.Frame;

/**
 * The page panels' conversation with session workers, in typed calls, replies and events: the one
 * place where they become frames and back, so {@link PageRoutes} never sees a {@link Frame}.
 */
final class SessionPages {
    private static final Logger LOG = LoggerFactory.getLogger(SessionPages.class);

    private final Runner runner;

    SessionPages(Runner runner) {
        this.runner = Objects.requireNonNull(runner, "runner must not be null");
    }

    /** Where every session worker's unasked events go, with the session's id. */
    void onEvent(BiConsumer<String, PageEvent> listener) {
        Objects.requireNonNull(listener, "listener must not be null");
        runner.onPageFrame((session, frame) -> event(frame).ifPresent(event -> listener.accept(session, event)));
    }

    /** Asks the session's worker, waiting at most the runner's wall time. */
    PageReply ask(String session, PageCall call) {
        Optional<WorkerConnection> worker = worker(session);
        if (worker.isEmpty()) {
            return new PageReply.NoWorker();
        }
        Duration wallTime = runner.settings().wallTime();
        Optional<Frame> answer = switch (call) {
            case PageCall.HttpRequest request -> worker.get().ask(Frame.Type.REQUEST,
                    List.of("method", request.method(), "target", request.target(), "body", request.body()), wallTime);
            case PageCall.LiveEvent event -> worker.get().ask(Frame.Type.LIVE_EVENT, liveEventFields(event), wallTime);
        };
        if (answer.isEmpty()) {
            return new PageReply.NoAnswer(wallTime);
        }
        Frame frame = answer.get();
        Optional<String> error = frame.field("error");
        if (error.isPresent()) {
            return new PageReply.Refused(error.get());
        }
        return switch (call) {
            case PageCall.HttpRequest request -> new PageReply.Response(status(frame), frame.all("header"), frame.field("body").orElse(""));
            case PageCall.LiveEvent event -> new PageReply.Handled();
        };
    }

    /** Hands a broadcast from another tab of the room to this session's worker, if it has one. */
    void deliver(String session, PageEvent.Published published) {
        worker(session).ifPresent(worker -> worker.tell(Frame.Type.DELIVER,
                List.of("topic", published.topic(), "json", published.json())));
    }

    private static List<String> liveEventFields(PageCall.LiveEvent event) {
        List<String> fields = new ArrayList<>(List.of("view", event.view(), "event", event.event()));
        for (Map.Entry<String, String> param : event.params()) {
            fields.add("param");
            fields.add(param.getKey());
            fields.add("param");
            fields.add(param.getValue());
        }
        return fields;
    }

    private static int status(Frame frame) {
        try {
            return Integer.parseInt(frame.field("status").orElse("500"));
        } catch (NumberFormatException malformed) {
            return 500;
        }
    }

    private static Optional<PageEvent> event(Frame frame) {
        return switch (frame.type()) {
            case LIVE_RENDER -> Optional.of(new PageEvent.LiveRender(frame.field("view").orElse("0"), frame.field("html").orElse("")));
            case PUBLISH -> Optional.of(new PageEvent.Published(frame.field("topic").orElse(""), frame.field("json").orElse("null")));
            case OBSERVED -> Optional.of(new PageEvent.Observed(frame.field("json").orElse("{}")));
            default -> {
                LOG.debug("ignoring a {} page frame", frame.type());
                yield Optional.empty();
            }
        };
    }

    private Optional<WorkerConnection> worker(String session) {
        try {
            return runner.sessionWorker(session);
        } catch (IllegalArgumentException badSession) {
            return Optional.empty();
        }
    }
}
