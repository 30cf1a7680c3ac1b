package otp.live;

import static otp.GenServer.noreply;
import static otp.GenServer.ok;
import static otp.GenServer.reply;

import java.util.Map;
import java.util.function.Consumer;
import otp.From;
import otp.GenServer;

/** The GenServer behind a {@link LiveSession}: holds the view's socket and last rendered HTML. */
final class LiveServer implements GenServer<LiveServer.Mount, LiveServer.State> {
    static final String RENDER = "render";
    static final String ASSIGNS = "assigns";

    record Mount(Map<String, Object> params, Map<String, Object> session) {}

    record Event(String name, Map<String, Object> params) {}

    record State(Socket socket, String html) {}

    private final LiveView view;
    private final Consumer<String> onRender;

    LiveServer(LiveView view, Consumer<String> onRender) {
        this.view = view;
        this.onRender = onRender;
    }

    @Override
    public Init<State> init(Mount mount) {
        Socket socket = switch (view.mount(mount.params(), mount.session(), Socket.initial(true))) {
            case LiveView.Ok(var s) -> s;
        };
        String html = render(socket);
        onRender.accept(html);
        return ok(new State(socket, html));
    }

    @Override
    public CallResult<State> handleCall(Object request, From from, State state) {
        return switch (request) {
            case Event(var name, var params) -> {
                LiveView.EventResult result = view.handleEvent(name, params, state.socket());
                State next = switch (result) {
                    case LiveView.NoReply(var s) -> rerender(state, s);
                    case LiveView.Reply(var payload, var s) -> rerender(state, s);
                };
                Map<String, Object> payload = result instanceof LiveView.Reply r ? r.payload() : Map.of();
                yield reply(new LiveSession.EventOutcome(next.html(), payload), next);
            }
            case String s when s.equals(RENDER) -> reply(state.html(), state);
            case String s when s.equals(ASSIGNS) -> reply(state.socket().assigns(), state);
            default -> throw new IllegalArgumentException("a live view does not answer " + request);
        };
    }

    @Override
    public InfoResult<State> handleInfo(Object msg, State state) {
        Socket next = switch (view.handleInfo(msg, state.socket())) {
            case LiveView.NoReply(var s) -> s;
        };
        return noreply(rerender(state, next));
    }

    private State rerender(State state, Socket next) {
        if (next.assigns().equals(state.socket().assigns())) {
            return new State(next, state.html());
        }
        String html = render(next);
        if (!html.equals(state.html())) {
            onRender.accept(html);
        }
        return new State(next, html);
    }

    private String render(Socket socket) {
        var rendered = view.render(socket.assigns());
        if (rendered == null) {
            throw new IllegalStateException(view.getClass().getSimpleName() + ".render returned null");
        }
        return rendered.html();
    }
}
