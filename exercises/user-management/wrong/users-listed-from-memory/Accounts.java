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
    /** Users created through this context, so that listing them needs no query. */
    private final java.util.Map<Object, Struct> created = new java.util.concurrent.ConcurrentSkipListMap<>();

    public Accounts(Repo repo) {
        this.repo = repo;
    }

    public Result<Struct, Changeset> createUser(Map<String, ?> attrs) {
        Result<Struct, Changeset> result = repo.insert(User.changeset(User.schema().struct(), attrs));
        if (result instanceof Result.Ok<Struct, Changeset>(Struct user)) {
            created.put(user.id(), user);
        }
        return result;
    }

    public Optional<Struct> getUser(long id) {
        return repo.get(User.schema(), id);
    }

    public List<Struct> listUsers() {
        return List.copyOf(created.values());
    }

    public Result<Struct, Changeset> updateUser(Struct user, Map<String, ?> attrs) {
        return repo.update(User.changeset(user, attrs));
    }

    public Result<Struct, Changeset> deleteUser(Struct user) {
        created.remove(user.id());
        return repo.delete(user);
    }

    public List<Struct> activeUsers() {
        return repo.all(Query.from(User.schema()).where(field("active").eq(true)).orderBy(asc("name")));
    }

    public Optional<Struct> getUserByEmail(String email) {
        return repo.getBy(User.schema(), Map.of("email", email));
    }
}
