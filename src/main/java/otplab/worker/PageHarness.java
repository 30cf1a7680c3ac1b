package otplab.worker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import otp.live.LivePage;
import otp.web.Response;
import otp.web.Router;
import otplab.protocol.ControlChannel;
import otplab.protocol.Frame;

/**
 * The worker's side of a lesson page's panels: the request panel (into the router a cell gave
 * {@code Router.tryInPage}) and the live view (shown by {@code LiveView.showInPage}), plus the
 * PubSub topics shared between the browser's tabs. It only moves data between frames and the
 * learner-facing hooks; what runs is the learner's own router and view.
 */
final class PageHarness implements LivePage.Host {
    /** Longest response body sent back to the page; the rest is cut with a notice. */
    static final int MAX_BODY_CHARS = 256 * 1024;

    private final ControlChannel channel;

    PageHarness(ControlChannel channel) {
        this.channel = channel;
    }

    /** Answers a REQUEST frame with the router's RESPONSE, or an error saying no cell shared a router yet. */
    Frame request(Frame request) {
        Optional<Router> router = Router.inPage();
        if (router.isEmpty()) {
            return Frame.of(Frame.Type.RESPONSE, request.id(), "error",
                    "no router to try yet: run the cell that calls Router.tryInPage(router) first");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> pairs = request.all("header");
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            headers.put(pairs.get(i), pairs.get(i + 1));
        }
        Response response = router.get().serve(request.field("method").orElse("GET"),
                request.field("target").orElse("/"), headers, request.field("body").orElse(""));
        List<String> fields = new ArrayList<>(List.of("status", Integer.toString(response.status())));
        response.headers().forEach((name, value) -> {
            fields.add("header");
            fields.add(name + ": " + value);
        });
        String body = response.body();
        if (body.length() > MAX_BODY_CHARS) {
            body = body.substring(0, MAX_BODY_CHARS) + "\n… (the body was cut at " + MAX_BODY_CHARS / 1024 + " KiB)";
        }
        fields.add("body");
        fields.add(body);
        return new Frame(Frame.Type.RESPONSE, request.id(), fields, null);
    }

    /** Answers a LIVE_EVENT frame with the view's new HTML, or the reason it could not take the event. */
    Frame liveEvent(Frame request) {
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> pairs = request.all("param");
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            params.put(pairs.get(i), pairs.get(i + 1));
        }
        try {
            long view = Long.parseLong(request.field("view").orElse("0"));
            String html = LivePage.event(view, request.field("event").orElse(""), params);
            return Frame.of(Frame.Type.LIVE_REPLY, request.id(), "view", Long.toString(view), "html", html);
        } catch (NumberFormatException badId) {
            return Frame.of(Frame.Type.LIVE_REPLY, request.id(), "error", "the page named no view");
        } catch (RuntimeException failed) {
            return Frame.of(Frame.Type.LIVE_REPLY, request.id(), "error", describe(failed));
        }
    }

    /** A DELIVER frame: a broadcast from another tab. */
    void deliver(Frame frame) {
        LivePage.deliver(frame.field("topic").orElse(""), frame.field("json").orElse("null"));
    }

    @Override
    public void render(long view, String html) {
        sendQuietly(Frame.of(Frame.Type.LIVE_RENDER, 0, "view", Long.toString(view), "html", html));
    }

    @Override
    public void publish(String topic, String json) {
        sendQuietly(Frame.of(Frame.Type.PUBLISH, 0, "topic", topic, "json", json));
    }

    /** A crashed view's exit carries the learner's exception as its cause; that is the part worth showing. */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return "the view failed: " + root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private void sendQuietly(Frame frame) {
        try {
            channel.send(frame);
        } catch (IOException lost) {
            Runtime.getRuntime().halt(3);
        }
    }
}
