package otp.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings an application reads at boot, checked all at once: the Java form of
 * {@code config/runtime.exs}. Loading fails fast, before anything starts, with one
 * {@link ConfigException} that names every missing or malformed variable.
 *
 * <pre>{@code
 * # config/runtime.exs                              static final Setting<Integer> PORT = Setting.integer("PORT").withDefault(4000);
 * import Config                                     static final Setting<URI> DB = Setting.url("DATABASE_URL")
 * if config_env() == :prod do                           .requiredIn(PROD).withDefaultIn(DEV, URI.create("postgres://localhost/dev"));
 *   config :my_app, MyApp.Repo,
 *     url: System.fetch_env!("DATABASE_URL")        Config config = RuntimeConfig.of("APP_ENV", PORT, DB).load(Env.system());
 * end                                               int port = config.get(PORT);
 * config_env()                                      config.env()
 * }</pre>
 */
public final class RuntimeConfig {
    /** The variable that names the environment when none is given, like {@code MIX_ENV}. */
    public static final String DEFAULT_ENV_VARIABLE = "APP_ENV";

    private final String envVariable;
    private final List<Setting<?>> settings;

    private RuntimeConfig(String envVariable, List<Setting<?>> settings) {
        this.envVariable = envVariable;
        this.settings = settings;
    }

    /** Settings read under the environment named by {@code envVariable} (default {@code dev}). */
    public static RuntimeConfig of(String envVariable, Setting<?>... settings) {
        Objects.requireNonNull(envVariable, "envVariable must not be null");
        List<String> seen = new ArrayList<>();
        for (Setting<?> s : settings) {
            if (seen.contains(s.variable())) {
                throw new IllegalArgumentException("setting " + s.variable() + " is declared twice");
            }
            seen.add(s.variable());
        }
        return new RuntimeConfig(envVariable, List.of(settings));
    }

    /** Settings read under the environment named by {@value #DEFAULT_ENV_VARIABLE}. */
    public static RuntimeConfig of(Setting<?>... settings) {
        return of(DEFAULT_ENV_VARIABLE, settings);
    }

    /** Reads every setting; any problems are reported together, one line per variable. */
    public Config load(Env env) {
        Objects.requireNonNull(env, "env must not be null");
        List<String> problems = new ArrayList<>();
        ConfigEnv configEnv;
        try {
            configEnv = env.configEnv(envVariable);
        } catch (ConfigException e) {
            throw new ConfigException("configuration is invalid:\n  - " + e.getMessage());
        }
        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        for (Setting<?> s : settings) {
            try {
                values.put(s, s.resolve(env, configEnv));
            } catch (ConfigException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("configuration for " + configEnv.name().toLowerCase(java.util.Locale.ROOT)
                    + " is invalid:\n  - " + String.join("\n  - ", problems));
        }
        return new Config(configEnv, Collections.unmodifiableMap(values));
    }

    /** Loaded settings, read by the same {@link Setting} constants that declared them. */
    public static final class Config {
        private final ConfigEnv env;
        private final Map<Setting<?>, Object> values;

        private Config(ConfigEnv env, Map<Setting<?>, Object> values) {
            this.env = env;
            this.values = values;
        }

        public ConfigEnv env() {
            return env;
        }

        /** The setting's value; a setting with no value and no default is an error naming its variable. */
        public <T> T get(Setting<T> setting) {
            return find(setting).orElseThrow(() -> new ConfigException("environment variable " + setting.variable()
                    + " is not set and has no default in " + env.name().toLowerCase(java.util.Locale.ROOT)));
        }

        /** The setting's value, if it has one. */
        @SuppressWarnings("unchecked")
        public <T> Optional<T> find(Setting<T> setting) {
            if (!values.containsKey(setting)) {
                throw new IllegalArgumentException(setting + " is not one of this configuration's settings");
            }
            return Optional.ofNullable((T) values.get(setting));
        }
    }
}
