import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import otp.config.ConfigEnv;
import otp.config.ConfigException;
import otp.config.Env;

/** The application's settings, read from the environment at boot; every problem is reported at once. */
public record AppConfig(ConfigEnv env, String host, int port, URI databaseUrl, int poolSize, String secretKeyBase) {
    static final String DEFAULT_HOST = "localhost";
    static final int DEFAULT_PORT = 4000;
    static final int DEFAULT_POOL_SIZE = 10;
    static final int MIN_SECRET_LENGTH = 64;
    static final String DEV_SECRET = "dev-only-secret-".repeat(4);

    public static AppConfig load(Env env) {
        List<String> problems = new ArrayList<>();
        ConfigEnv configEnv = read(problems, () -> env.configEnv("APP_ENV"), ConfigEnv.DEV);
        boolean prod = configEnv == ConfigEnv.PROD;

        String host = env.get("HOST", DEFAULT_HOST);
        int port = read(problems, () -> env.getInt("PORT", DEFAULT_PORT), DEFAULT_PORT);
        if (port < 1 || port > 65535) {
            problems.add("PORT must be between 1 and 65535, not " + port);
        }
        int poolSize = read(problems, () -> env.getInt("POOL_SIZE", DEFAULT_POOL_SIZE), DEFAULT_POOL_SIZE);
        if (poolSize < 1) {
            problems.add("POOL_SIZE must be at least 1, not " + poolSize);
        }
        URI databaseUrl = read(problems, () -> prod
                ? env.requireUrl("DATABASE_URL")
                : env.getUrl("DATABASE_URL").orElse(URI.create("postgres://localhost/my_app_" + name(configEnv))), null);
        String secret = read(problems, () -> prod ? env.require("SECRET_KEY_BASE") : env.get("SECRET_KEY_BASE", DEV_SECRET), null);
        if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
            problems.add("SECRET_KEY_BASE must be at least " + MIN_SECRET_LENGTH + " characters long");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("configuration is invalid: " + String.join("; ", problems));
        }
        return new AppConfig(configEnv, host, port, databaseUrl, poolSize, secret);
    }

    private static <T> T read(List<String> problems, Supplier<T> reader, T fallback) {
        try {
            return reader.get();
        } catch (ConfigException e) {
            problems.add(e.getMessage());
            return fallback;
        }
    }

    private static String name(ConfigEnv env) {
        return env.name().toLowerCase(java.util.Locale.ROOT);
    }
}
