package otplab.web;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import otp.config.ConfigEnv;
import otp.config.ConfigException;
import otp.config.Env;
import otp.config.RuntimeConfig;
import otp.config.Setting;

/**
 * How the course server runs. Built by {@link Builder} inside {@link CourseServer#create}'s
 * lambda and checked by {@link Builder#build()}; immutable afterwards.
 */
public final class ServerConfig {
    public static final int DEFAULT_PORT = 7070;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String ENV_PORT = "PORT";
    public static final String ENV_HOST = "HOST";
    public static final String ENV_LESSONS_DIR = "LESSONS_DIR";
    public static final String ENV_EXERCISES_DIR = "EXERCISES_DIR";
    public static final String ENV_MODE = "OTP_LAB_ENV";
    public static final String ENV_SECRET_KEY_BASE = "SECRET_KEY_BASE";
    public static final String ENV_SHUTDOWN_SECONDS = "OTPLAB_SHUTDOWN_SECONDS";
    /** Shortest secret accepted: 32 characters, as for a Phoenix {@code secret_key_base} of 256 bits. */
    public static final int MIN_SECRET_LENGTH = 32;
    /** How long a stopping server lets running cells and gradings finish before it ends them. */
    public static final int DEFAULT_SHUTDOWN_SECONDS = 30;
    /** {@code OTP_LAB_ENV=prod} turns author mode (live reload) off. */
    public static final String PRODUCTION = "prod";

    /** OTP Lab's own runtime configuration, read like an application's {@code config/runtime.exs}. */
    static final Setting<Integer> PORT_SETTING = Setting.integer(ENV_PORT).withDefault(DEFAULT_PORT);
    static final Setting<String> HOST_SETTING = Setting.string(ENV_HOST).withDefault(DEFAULT_HOST);
    static final Setting<String> LESSONS_SETTING = Setting.string(ENV_LESSONS_DIR).withDefault("lessons");
    static final Setting<String> EXERCISES_SETTING = Setting.string(ENV_EXERCISES_DIR).withDefault("exercises");
    static final Setting<String> SECRET_SETTING = Setting.string(ENV_SECRET_KEY_BASE);
    static final Setting<Integer> SHUTDOWN_SETTING = Setting.integer(ENV_SHUTDOWN_SECONDS).withDefault(DEFAULT_SHUTDOWN_SECONDS);
    static final RuntimeConfig SETTINGS = RuntimeConfig.of(ENV_MODE, PORT_SETTING, HOST_SETTING, LESSONS_SETTING,
            EXERCISES_SETTING, SECRET_SETTING, SHUTDOWN_SETTING);
    private static final Logger LOG = LoggerFactory.getLogger(ServerConfig.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Health names the server uses itself. */
    static final List<String> RESERVED_HEALTH_NAMES = List.of("status", "course", "uptimeMs");

    private final String host;
    private final int port;
    private final Path lessonsDir;
    private final Path exercisesDir;
    private final boolean authorMode;
    private final String secretKeyBase;
    private final Duration shutdownGrace;
    private final Map<String, HealthContributor> health;
    private final List<WebModule> modules;

    private ServerConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.lessonsDir = b.lessonsDir.toAbsolutePath().normalize();
        this.exercisesDir = b.exercisesDir.toAbsolutePath().normalize();
        this.authorMode = b.authorMode;
        this.secretKeyBase = b.secretKeyBase;
        this.shutdownGrace = b.shutdownGrace;
        this.health = Collections.unmodifiableMap(new LinkedHashMap<>(b.health));
        this.modules = List.copyOf(b.modules);
    }

    public String host() {
        return host;
    }

    /** The port asked for; 0 means any free port (see {@link CourseServer#port()}). */
    public int port() {
        return port;
    }

    public Path lessonsDir() {
        return lessonsDir;
    }

    public Path exercisesDir() {
        return exercisesDir;
    }

    /** Whether open pages reload when course files change. */
    public boolean authorMode() {
        return authorMode;
    }

    /** The secret that signs learner cookies ({@value #ENV_SECRET_KEY_BASE}); never logged or shown. */
    public String secretKeyBase() {
        return secretKeyBase;
    }

    /** How long a stopping server waits for running cells and gradings ({@value #ENV_SHUTDOWN_SECONDS}). */
    public Duration shutdownGrace() {
        return shutdownGrace;
    }

    public Map<String, HealthContributor> health() {
        return health;
    }

    public List<WebModule> modules() {
        return modules;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects settings; every setter returns the builder. Defaults: 127.0.0.1:7070, ./lessons, ./exercises, author mode. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Path lessonsDir = Path.of("lessons");
        private Path exercisesDir = Path.of("exercises");
        private boolean authorMode = true;
        private String secretKeyBase;
        private boolean secretRequired;
        private Duration shutdownGrace = Duration.ofSeconds(DEFAULT_SHUTDOWN_SECONDS);
        private final Map<String, HealthContributor> health = new LinkedHashMap<>();
        private final List<WebModule> modules = new ArrayList<>();

        private Builder() {}

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host must not be null");
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder lessonsDir(Path dir) {
            this.lessonsDir = Objects.requireNonNull(dir, "lessonsDir must not be null");
            return this;
        }

        public Builder exercisesDir(Path dir) {
            this.exercisesDir = Objects.requireNonNull(dir, "exercisesDir must not be null");
            return this;
        }

        public Builder authorMode(boolean on) {
            this.authorMode = on;
            return this;
        }

        /** The secret that signs learner cookies; at least {@value #MIN_SECRET_LENGTH} characters. */
        public Builder secretKeyBase(String secret) {
            this.secretKeyBase = Objects.requireNonNull(secret, "secret must not be null");
            return this;
        }

        /**
         * Whether {@link #build()} refuses to run without a secret (a release's {@code start}); otherwise a
         * missing one is generated for this run only, and every learner cookie ends with the process.
         */
        public Builder requireSecret(boolean required) {
            this.secretRequired = required;
            return this;
        }

        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = Objects.requireNonNull(grace, "grace must not be null");
            return this;
        }

        /** Adds figures under {@code name} to {@code GET /healthz}. */
        public Builder health(String name, HealthContributor contributor) {
            Objects.requireNonNull(name, "name must not be null");
            Objects.requireNonNull(contributor, "contributor must not be null");
            if (RESERVED_HEALTH_NAMES.contains(name) || health.containsKey(name)) {
                throw new IllegalArgumentException("health name '" + name + "' is already taken");
            }
            health.put(name, contributor);
            return this;
        }

        /** Adds routes (see {@link WebModule}). */
        public Builder module(WebModule module) {
            modules.add(Objects.requireNonNull(module, "module must not be null"));
            return this;
        }

        /**
         * Reads PORT, HOST, LESSONS_DIR, EXERCISES_DIR, SECRET_KEY_BASE, OTPLAB_SHUTDOWN_SECONDS and
         * OTP_LAB_ENV ({@code dev}, {@code test} or {@code prod}) through {@code otp.config}; relative folders are resolved against {@code home}
         * (the repository root when started by ./otplab). Every malformed variable is named at once.
         *
         * @throws IllegalArgumentException with a sentence for the user when a value is unusable
         */
        public Builder environment(Map<String, String> env, Path home) {
            Objects.requireNonNull(env, "env must not be null");
            Objects.requireNonNull(home, "home must not be null");
            RuntimeConfig.Config loaded;
            try {
                loaded = SETTINGS.load(Env.of(env));
            } catch (ConfigException badSetting) {
                throw new IllegalArgumentException(badSetting.getMessage(), badSetting);
            }
            port = loaded.get(PORT_SETTING);
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("PORT must be a number from 0 to 65535, was " + port);
            }
            host = loaded.get(HOST_SETTING);
            lessonsDir = home.resolve(loaded.get(LESSONS_SETTING));
            exercisesDir = home.resolve(loaded.get(EXERCISES_SETTING));
            authorMode = loaded.env() != ConfigEnv.PROD;
            loaded.find(SECRET_SETTING).ifPresent(secret -> secretKeyBase = secret);
            int shutdownSeconds = loaded.get(SHUTDOWN_SETTING);
            if (shutdownSeconds < 0) {
                throw new IllegalArgumentException(ENV_SHUTDOWN_SECONDS + " must be a whole number of seconds, 0 or more, was "
                        + shutdownSeconds);
            }
            shutdownGrace = Duration.ofSeconds(shutdownSeconds);
            return this;
        }

        /**
         * @throws IllegalArgumentException when a setting cannot work
         */
        public ServerConfig build() {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("PORT must be a number from 0 to 65535, was " + port);
            }
            if (host.isBlank()) {
                throw new IllegalArgumentException("HOST must not be empty");
            }
            if (secretKeyBase == null) {
                if (secretRequired) {
                    throw new IllegalArgumentException(ENV_SECRET_KEY_BASE + " must be set: it signs the learners' cookies."
                            + " Make one with: head -c 48 /dev/urandom | base64");
                }
                byte[] bytes = new byte[48];
                RANDOM.nextBytes(bytes);
                secretKeyBase = Base64.getEncoder().encodeToString(bytes);
                // Debug only: `check` and tests need no cookie; `serve` passes its development secret (and says so).
                LOG.debug("{} is not set: using a secret generated for this run; learners' cookies end with it", ENV_SECRET_KEY_BASE);
            } else if (secretKeyBase.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException(ENV_SECRET_KEY_BASE + " must be at least " + MIN_SECRET_LENGTH
                        + " characters long, was " + secretKeyBase.length() + ". Make one with: head -c 48 /dev/urandom | base64");
            }
            return new ServerConfig(this);
        }
    }
}
