package otplab.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.WebSocket;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** A run socket's listener for tests: joins a message's text frames and hands each whole message over as JSON. */
final class JsonFrames implements WebSocket.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StringBuilder partial = new StringBuilder();
    private final Consumer<JsonNode> onMessage;
    private final Consumer<Exception> onUnreadable;

    JsonFrames(Consumer<JsonNode> onMessage, Consumer<Exception> onUnreadable) {
        this.onMessage = Objects.requireNonNull(onMessage, "onMessage must not be null");
        this.onUnreadable = Objects.requireNonNull(onUnreadable, "onUnreadable must not be null");
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode message;
            try {
                message = JSON.readTree(partial.toString());
            } catch (Exception e) {
                onUnreadable.accept(e);
                message = null;
            }
            partial.setLength(0);
            if (message != null) {
                onMessage.accept(message);
            }
        }
        ws.request(1);
        return null;
    }
}
