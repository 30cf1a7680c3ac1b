package otplab.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.websocket.WsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes JSON messages to a page's /ws/run socket, from whichever thread has one to send. */
final class RunSocket {
    private static final Logger LOG = LoggerFactory.getLogger(RunSocket.class);

    private RunSocket() {}

    /**
     * Sends message unless the page has gone. Output streaming, run results and live-view renders
     * come from different threads; Javalin hands out a new WsContext per event, so the lock is the
     * connection's session, the one object they all share.
     */
    static void send(ObjectMapper json, WsContext ws, Object message) {
        try {
            synchronized (ws.session) {
                if (ws.session.isOpen()) {
                    ws.send(json.writeValueAsString(message));
                }
            }
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.debug("could not send on a run socket", e);
        }
    }
}
