package otplab.runner;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What a page panel asks of its session's worker. */
public sealed interface PageCall {
    /** An HTTP request to the router a cell handed to {@code Router.tryInPage}. */
    record HttpRequest(String method, String target, String body) implements PageCall {
        public HttpRequest {
            Objects.requireNonNull(method, "method must not be null");
            Objects.requireNonNull(target, "target must not be null");
            Objects.requireNonNull(body, "body must not be null");
        }
    }

    /** A {@code phx-*} event on the live view {@code view}, with the element's values in order. */
    record LiveEvent(String view, String event, List<Map.Entry<String, String>> params) implements PageCall {
        public LiveEvent {
            Objects.requireNonNull(view, "view must not be null");
            Objects.requireNonNull(event, "event must not be null");
            params = List.copyOf(params);
        }
    }
}
