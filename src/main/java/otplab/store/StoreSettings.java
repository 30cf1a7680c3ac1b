package otplab.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import otp.config.ConfigException;
import otp.config.Env;
import otp.config.RuntimeConfig;
import otp.config.Setting;

/**
 * Where the store lives and how many connections its pool keeps: a JDBC URL ({@code jdbc:h2:...}
 * or {@code jdbc:postgresql:...}), the pool size and how long a call waits for a free connection.
 * Immutable; the builder checks every value when built.
 */
public final class StoreSettings {
    public static final String ENV_DATABASE_URL = "DATABASE_URL";
    public static final String ENV_DATA_DIR = "DATA_DIR";
    public static final String ENV_DB_POOL_SIZE = "OTPLAB_DB_POOL_SIZE";
    public static final String DEFAULT_DATA_DIR = "data";
    public static final String H2_FILE_NAME = "otplab";
    /**
     * A statement takes about a millisecond and a grading seconds, so a handful of connections
     * serve every page and grading of one instance; several instances on one PostgreSQL each
     * hold this many, far under its default of 100 connections.
     */
    public static final int DEFAULT_POOL_SIZE = 4;
    public static final int MOST_POOL_SIZE = 64;
    /** As long as the PostgreSQL driver's own connect timeout: a database that slow is down, and the call says so. */
    public static final Duration DEFAULT_CONNECTION_WAIT = Duration.ofSeconds(10);
    /** The environment (dev, test, prod) the settings are read under; the server's own variable. */
    static final String ENV_MODE = "OTP_LAB_ENV";

    private static final Setting<String> DATABASE_URL_SETTING = Setting.string(ENV_DATABASE_URL);
    private static final Setting<String> DATA_DIR_SETTING = Setting.string(ENV_DATA_DIR).withDefault(DEFAULT_DATA_DIR);
    private static final Setting<Integer> POOL_SIZE_SETTING = Setting.integer(ENV_DB_POOL_SIZE).withDefault(DEFAULT_POOL_SIZE);

    private final String url;
    private final int poolSize;
    private final Duration connectionWait;

    private StoreSettings(Builder builder) {
        this.url = builder.url;
        this.poolSize = builder.poolSize;
        this.connectionWait = builder.connectionWait;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String url() {
        return url;
    }

    public int poolSize() {
        return poolSize;
    }

    public Duration connectionWait() {
        return connectionWait;
    }

    /** An H2 database in memory lives only as long as its connections, and each unnamed one is a database of its own. */
    boolean inMemory() {
        return url.startsWith("jdbc:h2:mem:");
    }

    /** Where the store lives, with any password left out (for start-up messages and errors). */
    public String description() {
        return redact(url);
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }

    /** The data folder {@code DATA_DIR} names (default {@code ./data}, relative to home), whether or not H2 lives there. */
    public static Path dataDir(Map<String, String> env, Path home) {
        try {
            return home.resolve(RuntimeConfig.of(ENV_MODE, DATA_DIR_SETTING).load(Env.of(env)).get(DATA_DIR_SETTING).strip());
        } catch (ConfigException badSetting) {
            throw new IllegalArgumentException(badSetting.getMessage(), badSetting);
        }
    }

    public static final class Builder {
        private String url;
        private int poolSize = DEFAULT_POOL_SIZE;
        private Duration connectionWait = DEFAULT_CONNECTION_WAIT;

        private Builder() {}

        public Builder url(String value) {
            url = Objects.requireNonNull(value, "url must not be null").strip();
            return this;
        }

        /** The H2 file database in a data folder (created when missing). */
        public Builder dataDir(Path dataDir) {
            Objects.requireNonNull(dataDir, "dataDir must not be null");
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data folder " + dataDir, e);
            }
            return url("jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve(H2_FILE_NAME));
        }

        public Builder poolSize(int value) {
            poolSize = value;
            return this;
        }

        public Builder connectionWait(Duration value) {
            connectionWait = Objects.requireNonNull(value, "connectionWait must not be null");
            return this;
        }

        /**
         * {@value #ENV_DATABASE_URL} when set, else H2 under {@value #ENV_DATA_DIR} (default
         * {@code ./data}, relative to home), and {@value #ENV_DB_POOL_SIZE}; read through {@code
         * otp.config} (blank counts as unset).
         *
         * @throws IllegalArgumentException naming the variable when a value cannot work
         */
        public Builder environment(Map<String, String> env, Path home) {
            Objects.requireNonNull(env, "env must not be null");
            Objects.requireNonNull(home, "home must not be null");
            RuntimeConfig.Config loaded;
            try {
                loaded = RuntimeConfig.of(ENV_MODE, DATABASE_URL_SETTING, DATA_DIR_SETTING, POOL_SIZE_SETTING).load(Env.of(env));
            } catch (ConfigException badSetting) {
                throw new IllegalArgumentException(badSetting.getMessage(), badSetting);
            }
            int size = loaded.get(POOL_SIZE_SETTING);
            if (size < 1 || size > MOST_POOL_SIZE) {
                throw new IllegalArgumentException(ENV_DB_POOL_SIZE + " must be a whole number from 1 to " + MOST_POOL_SIZE
                        + ", was '" + size + "'");
            }
            poolSize = size;
            Optional<String> given = loaded.find(DATABASE_URL_SETTING).map(String::strip);
            if (given.isPresent()) {
                if (!supported(given.get())) {
                    throw new IllegalArgumentException(ENV_DATABASE_URL + " must start with jdbc:postgresql: or jdbc:h2:, was '"
                            + redact(given.get()) + "'");
                }
                return url(given.get());
            }
            return dataDir(StoreSettings.dataDir(env, home));
        }

        public StoreSettings build() {
            if (url == null) {
                throw new IllegalArgumentException("the store needs a database URL or a data folder");
            }
            if (!supported(url)) {
                throw new IllegalArgumentException("the database URL must start with jdbc:postgresql: or jdbc:h2:, was '"
                        + redact(url) + "'");
            }
            if (poolSize < 1 || poolSize > MOST_POOL_SIZE) {
                throw new IllegalArgumentException("the store's pool size must be from 1 to " + MOST_POOL_SIZE + ", was " + poolSize);
            }
            if (connectionWait.isNegative() || connectionWait.isZero()) {
                throw new IllegalArgumentException("connectionWait must be positive, was " + connectionWait);
            }
            return new StoreSettings(this);
        }

        private static boolean supported(String url) {
            return url.startsWith("jdbc:h2:") || url.startsWith("jdbc:postgresql:");
        }
    }
}
