import java.util.List;
import otp.data.Migration;
import otp.data.Repo;

/** The blog's migrations, oldest first. See the instructions for each version. */
public final class BlogMigrations {
    private BlogMigrations() {
    }

    public static List<Migration> all() {
        throw new UnsupportedOperationException("the migrations are not written yet");
    }

    public static List<Long> migrate(Repo repo) {
        throw new UnsupportedOperationException("migrate is not implemented yet");
    }
}
