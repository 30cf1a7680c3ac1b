import static otp.web.Controller.json;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import otp.web.Conn;
import otp.web.Plugs;
import otp.web.Router;

/** The poll's JSON API: read the counts, cast a vote. Both go through the vote server. */
public final class PollRouter {
    private PollRouter() {
    }

    public static Router build() {
        return Router.build(r -> {
            r.pipeline("api", p -> p.plug(Plugs.accepts("json")));
            r.scope("/api", s -> {
                s.pipeThrough("api");
                s.get("/votes", PollRouter::index);
                s.post("/votes", PollRouter::create);
            });
        });
    }

    static Conn index(Conn conn, Map<String, Object> params) {
        return json(conn, Map.of("data", VoteServer.tallies()));
    }

    static Conn create(Conn conn, Map<String, Object> params) {
        Optional<Integer> count = params.get("choice") instanceof String choice ? VoteServer.vote(choice) : Optional.empty();
        if (count.isEmpty()) {
            return json(conn.putStatus(422), Map.of("errors", Map.of("choice", List.of("is invalid"))));
        }
        return json(conn.putStatus(201), Map.of("data", Map.of("choice", params.get("choice"), "count", count.get())));
    }
}
