package otp.web;

import java.util.Map;

/**
 * A controller for {@code resources}: override the actions it supports; the router routes only
 * those (further narrowed by {@code only}/{@code except}).
 *
 * <pre>{@code
 * resources "/users", UserController           s.resources("/users", new UserController())
 *   GET    /users           :index              index(conn, params)
 *   GET    /users/new       :new                newForm(conn, params)   (new is a Java keyword)
 *   POST   /users           :create             create(conn, params)
 *   GET    /users/:id       :show               show(conn, params)
 *   GET    /users/:id/edit  :edit               edit(conn, params)
 *   PATCH  /users/:id       :update             update(conn, params)
 *   PUT    /users/:id       :update             update(conn, params)
 *   DELETE /users/:id       :delete             delete(conn, params)
 * }</pre>
 *
 * <p>An action that is not overridden is never routed, so its default answer below (501) is only
 * seen when such a method is called directly.
 */
public interface ResourceController {
    /** The seven actions of a resource, in the order their routes are defined. */
    enum ResourceAction {
        INDEX, NEW, CREATE, SHOW, EDIT, UPDATE, DELETE;

        /** The Java method name that implements the action. */
        public String methodName() {
            return this == NEW ? "newForm" : name().toLowerCase();
        }
    }

    default Conn index(Conn conn, Map<String, Object> params) {
        return notDefined(conn, ResourceAction.INDEX);
    }

    default Conn newForm(Conn conn, Map<String, Object> params) {
        return notDefined(conn, ResourceAction.NEW);
    }

    default Conn create(Conn conn, Map<String, Object> params) {
        return notDefined(conn, ResourceAction.CREATE);
    }

    default Conn show(Conn conn, Map<String, Object> params) {
        return notDefined(conn, ResourceAction.SHOW);
    }

    default Conn edit(Conn conn, Map<String, Object> params) {
        return notDefined(conn, ResourceAction.EDIT);
    }

    default Conn update(Conn conn, Map<String, Object> params) {
        return notDefined(conn, ResourceAction.UPDATE);
    }

    default Conn delete(Conn conn, Map<String, Object> params) {
        return notDefined(conn, ResourceAction.DELETE);
    }

    private Conn notDefined(Conn conn, ResourceAction action) {
        return Controller.text(conn.putStatus(501),
                getClass().getSimpleName() + " does not define " + action.methodName() + "(conn, params)");
    }
}
