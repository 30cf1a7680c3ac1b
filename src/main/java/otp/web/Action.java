package otp.web;

import java.util.Map;

/**
 * A controller action: takes the conn and the merged params, returns the conn with a response.
 *
 * <pre>{@code
 * def show(conn, %{"id" => id}) do ... end     static Conn show(Conn conn, Map<String, Object> params) { ... }
 * get "/users/:id", UserController, :show      s.get("/users/:id", UserController::show)
 * }</pre>
 */
@FunctionalInterface
public interface Action {
    Conn call(Conn conn, Map<String, Object> params);
}
