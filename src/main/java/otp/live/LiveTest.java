package otp.live;

import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Mounts views and drives them from tests: the Java form of {@code Phoenix.LiveViewTest}.
 *
 * <pre>{@code
 * {:ok, view, html} = live(conn, "/counter")          LiveSession view = LiveTest.live(new CounterLive());
 *                                                     String html = LiveTest.render(view);
 * render_click(view, "inc", %{})                      LiveTest.renderClick(view, "inc", Map.of())
 * render_submit(view, "save", %{"title" => "x"})      LiveTest.renderSubmit(view, "save", Map.of("title", "x"))
 * send(view.pid, {:reset})                            view.send(new Reset())
 * render(view)                                        LiveTest.render(view)
 * (wait for a broadcast from another process)         LiveTest.awaitRender(view, html -> html.contains("hi"), 1000)
 * (the disconnected first render)                     LiveTest.staticRender(new CounterLive(), Map.of(), Map.of())
 * }</pre>
 *
 * <p>A message sent from the test process arrives before the test's next call, so
 * {@code view.send(msg)} then {@code render(view)} sees its effect without waiting.
 */
public final class LiveTest {
    private static final long POLL_MS = 5;

    private LiveTest() {}

    public static LiveSession live(LiveView view) {
        return live(view, Map.of(), Map.of());
    }

    public static LiveSession live(LiveView view, Map<String, Object> params, Map<String, Object> session) {
        return LiveSession.start(view, params, session);
    }

    public static String render(LiveSession view) {
        return view.html();
    }

    public static String renderClick(LiveSession view, String event, Map<String, Object> params) {
        return view.event(event, params);
    }

    public static String renderSubmit(LiveSession view, String event, Map<String, Object> formParams) {
        return view.event(event, formParams);
    }

    /**
     * Renders until {@code until} holds, for updates caused by other processes; fails with the last
     * HTML if it does not hold within {@code timeoutMs}.
     */
    public static String awaitRender(LiveSession view, Predicate<String> until, long timeoutMs) {
        Objects.requireNonNull(until, "until must not be null");
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (true) {
            String html = view.html();
            if (until.test(html)) {
                return html;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the view did not render as expected within " + timeoutMs + " ms; it shows: "
                        + html);
            }
            otp.Process.sleep(POLL_MS);
        }
    }

    /** Mounts disconnected and renders once without a process, as the first HTTP request does. */
    public static String staticRender(LiveView view, Map<String, Object> params, Map<String, Object> session) {
        Socket socket = switch (view.mount(params, session, Socket.initial(false))) {
            case LiveView.Ok(var s) -> s;
        };
        return view.render(socket.assigns()).html();
    }
}
