import static otp.data.Query.asc;
import static otp.data.Query.field;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import otp.data.Changeset;
import otp.data.Query;
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
        return repo.insert(User.changeset(User.schema().struct(), attrs));
    }

    public Optional<Struct> getUser(long id) {
        return repo.get(User.schema(), id);
    }

    public List<Struct> listUsers() {
        return repo.all(Query.from(User.schema()).orderBy(asc("id")));
    }

    public Result<Struct, Changeset> updateUser(Struct user, Map<String, ?> attrs) {
        return repo.update(User.changeset(user, attrs));
    }

    public Result<Struct, Changeset> deleteUser(Struct user) {
        return repo.delete(user);
    }

    public List<Struct> activeUsers() {
        return repo.all(Query.from(User.schema()).orderBy(asc("name"))).stream()
                .filter(user -> Boolean.TRUE.equals(user.get("active")))
                .toList();
    }

    public Optional<Struct> getUserByEmail(String email) {
        return repo.getBy(User.schema(), Map.of("email", email));
    }
}
