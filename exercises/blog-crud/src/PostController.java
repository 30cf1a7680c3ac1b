import java.util.Map;
import otp.web.Conn;
import otp.web.ResourceController;

/** The posts controller: JSON under /api/posts, HTML under /posts. See the instructions. */
public final class PostController implements ResourceController {
    private final PostStore store;

    public PostController(PostStore store) {
        this.store = store;
    }

    @Override
    public Conn index(Conn conn, Map<String, Object> params) {
        throw new UnsupportedOperationException("index is not implemented yet");
    }

    @Override
    public Conn show(Conn conn, Map<String, Object> params) {
        throw new UnsupportedOperationException("show is not implemented yet");
    }

    @Override
    public Conn create(Conn conn, Map<String, Object> params) {
        throw new UnsupportedOperationException("create is not implemented yet");
    }

    @Override
    public Conn update(Conn conn, Map<String, Object> params) {
        throw new UnsupportedOperationException("update is not implemented yet");
    }

    @Override
    public Conn delete(Conn conn, Map<String, Object> params) {
        throw new UnsupportedOperationException("delete is not implemented yet");
    }
}
