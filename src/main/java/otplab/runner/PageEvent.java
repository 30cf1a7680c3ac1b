package otplab.runner;

import java.util.Objects;

/** What a session's worker tells its page without being asked, in the page's terms (never a raw frame). */
public sealed interface PageEvent {
    /** The live view {@code view} rendered itself again; {@code html} is its new markup. */
    record LiveRender(String view, String html) implements PageEvent {
        public LiveRender {
            Objects.requireNonNull(view, "view must not be null");
            Objects.requireNonNull(html, "html must not be null");
        }
    }

    /** A cell broadcast {@code json} on a topic it shared with the other tabs of its room. */
    record Published(String topic, String json) implements PageEvent {
        public Published {
            Objects.requireNonNull(topic, "topic must not be null");
            Objects.requireNonNull(json, "json must not be null");
        }
    }

    /** The session's process observer took a new snapshot ({@code json}: processes, events, messages). */
    record Observed(String json) implements PageEvent {
        public Observed {
            Objects.requireNonNull(json, "json must not be null");
        }
    }
}
