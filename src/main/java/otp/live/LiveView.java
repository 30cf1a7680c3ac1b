package otp.live;

import java.util.Map;
import java.util.Objects;
import otp.web.Html;

/**
 * A server-rendered view whose state lives in a process: the Java form of {@code Phoenix.LiveView}.
 *
 * <pre>{@code
 * defmodule CounterLive do                          final class CounterLive implements LiveView {
 *   use Phoenix.LiveView
 *   def mount(_params, _session, socket) do             public MountResult mount(Map<String, Object> params,
 *     if connected?(socket),                                    Map<String, Object> session, Socket socket) {
 *       do: PubSub.subscribe(MyApp.PubSub, "c")             if (socket.connected()) PubSub.subscribe("c");
 *     {:ok, assign(socket, count: 0)}                       return ok(socket.assign("count", 0));
 *   end                                                 }
 *   def handle_event("inc", _params, socket) do         public EventResult handleEvent(String event,
 *     {:noreply, update(socket, :count, &(&1 + 1))}             Map<String, Object> params, Socket socket) {
 *   end                                                     return switch (event) {
 *                                                               case "inc" -> noreply(socket.<Integer>update("count", n -> n + 1));
 *                                                               default -> LiveView.super.handleEvent(event, params, socket);
 *                                                           };
 *                                                       }
 *   def handle_info({:reset}, socket) do                public InfoResult handleInfo(Object msg, Socket socket) {
 *     {:noreply, assign(socket, count: 0)}                  return noreply(socket.assign("count", 0));
 *   end                                                 }
 *   def render(assigns) do                              public Html.Safe render(Map<String, Object> assigns) {
 *     ~H"<button phx-click=\"inc\">{@count}</button>"       return Html.render("<button phx-click=\"inc\">{count}</button>", assigns);
 *   end                                                 }
 * end                                               }
 * }</pre>
 *
 * <p>Each view runs as its own GenServer process ({@link LiveSession}): {@code mount} runs inside it,
 * so a PubSub subscription made there delivers to {@code handleInfo}; after every event or message
 * that changes the assigns, the view renders again. Elements carry {@code phx-click="event"},
 * {@code phx-submit="event"} (the form's fields become the params) and {@code phx-value-*}
 * attributes (extra params), which the page sends as events.
 */
public interface LiveView {
    /** What {@code mount} returns: {@code {:ok, socket}}. */
    sealed interface MountResult permits Ok {}

    /** What {@code handleEvent} returns: {@code {:noreply, socket}} or {@code {:reply, map, socket}}. */
    sealed interface EventResult permits NoReply, Reply {}

    /** What {@code handleInfo} returns: {@code {:noreply, socket}}. */
    sealed interface InfoResult permits NoReply {}

    record Ok(Socket socket) implements MountResult {
        public Ok {
            Objects.requireNonNull(socket, "socket must not be null");
        }
    }

    record NoReply(Socket socket) implements EventResult, InfoResult {
        public NoReply {
            Objects.requireNonNull(socket, "socket must not be null");
        }
    }

    /** Answers the event's sender with {@code payload} as well as updating the socket. */
    record Reply(Map<String, Object> payload, Socket socket) implements EventResult {
        public Reply {
            payload = Map.copyOf(payload);
            Objects.requireNonNull(socket, "socket must not be null");
        }
    }

    static Ok ok(Socket socket) {
        return new Ok(socket);
    }

    static NoReply noreply(Socket socket) {
        return new NoReply(socket);
    }

    static Reply reply(Map<String, Object> payload, Socket socket) {
        return new Reply(payload, socket);
    }

    /** Sets the first assigns; runs in the view's process when connected. */
    MountResult mount(Map<String, Object> params, Map<String, Object> session, Socket socket);

    /**
     * Handles an event from the page. Not overriding it, or passing an unknown event on to this
     * default, crashes the view with a message naming the event, as a missing clause does in Elixir.
     */
    default EventResult handleEvent(String event, Map<String, Object> params, Socket socket) {
        throw new IllegalArgumentException(getClass().getSimpleName() + " does not handle the event \"" + event
                + "\"; add a case for it in handleEvent");
    }

    /** Handles a message sent to the view's process (PubSub broadcasts, timers). The default ignores it. */
    default InfoResult handleInfo(Object msg, Socket socket) {
        return noreply(socket);
    }

    /** Renders the assigns as HTML; runs again whenever they change. */
    Html.Safe render(Map<String, Object> assigns);

    /**
     * Shows the view live in the lesson page under the cell that calls this (a cell marked
     * {@code live}): clicks and form submits in the page become events, and every re-render
     * replaces the HTML there. Showing another view replaces this one. In Phoenix the router's
     * {@code live "/counter", CounterLive} does this job.
     *
     * <pre>{@code
     * live "/chat", ChatLive          LiveView.showInPage(new ChatLive());
     * }</pre>
     */
    static LiveSession showInPage(LiveView view) {
        return LivePage.show(view, Map.of());
    }

    /** {@link #showInPage(LiveView)} with mount params, like the route's path and query params. */
    static LiveSession showInPage(LiveView view, Map<String, Object> params) {
        return LivePage.show(view, params);
    }
}
