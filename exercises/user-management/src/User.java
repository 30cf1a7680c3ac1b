import java.util.Map;
import otp.data.Changeset;
import otp.data.Schema;
import otp.data.Struct;

/** The user schema and its changeset. See task 1. */
public final class User {
    private User() {
    }

    public static Schema schema() {
        throw new UnsupportedOperationException("the user schema is not implemented yet");
    }

    public static Changeset changeset(Struct user, Map<String, ?> attrs) {
        throw new UnsupportedOperationException("the user changeset is not implemented yet");
    }
}
