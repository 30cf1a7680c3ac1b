import java.util.List;
import java.util.Map;
import java.util.Optional;
import otp.data.Changeset;
import otp.data.Repo;
import otp.data.Result;
import otp.data.Struct;

/** The accounts context: every database operation on users goes through here. */
public final class Accounts {
    private final Repo repo;

    public Accounts(Repo repo) {
        this.repo = repo;
    }

    public Result<Struct, Changeset> createUser(Map<String, ?> attrs) {
        throw new UnsupportedOperationException("createUser is not implemented yet");
    }

    public Optional<Struct> getUser(long id) {
        throw new UnsupportedOperationException("getUser is not implemented yet");
    }

    public List<Struct> listUsers() {
        throw new UnsupportedOperationException("listUsers is not implemented yet");
    }

    public Result<Struct, Changeset> updateUser(Struct user, Map<String, ?> attrs) {
        throw new UnsupportedOperationException("updateUser is not implemented yet");
    }

    public Result<Struct, Changeset> deleteUser(Struct user) {
        throw new UnsupportedOperationException("deleteUser is not implemented yet");
    }

    public List<Struct> activeUsers() {
        throw new UnsupportedOperationException("activeUsers is not implemented yet");
    }

    public Optional<Struct> getUserByEmail(String email) {
        throw new UnsupportedOperationException("getUserByEmail is not implemented yet");
    }
}
