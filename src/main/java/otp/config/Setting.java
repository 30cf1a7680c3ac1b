package otp.config;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * One setting read from one environment variable: its type, its default, and the environments in
 * which it must be set or defaults differently. Immutable; each {@code with...} returns a new one.
 *
 * <pre>{@code
 * port: String.to_integer(System.get_env("PORT") || "4000")     Setting.integer("PORT").withDefault(4000)
 * if config_env() == :prod do                                   Setting.url("DATABASE_URL")
 *   url: System.fetch_env!("DATABASE_URL")                          .requiredIn(ConfigEnv.PROD)
 * end                                                               .withDefaultIn(ConfigEnv.DEV, URI.create("..."))
 * }</pre>
 */
public final class Setting<T> {
    private final String variable;
    private final String typeName;
    private final BiFunction<String, String, T> parser;
    private final T defaultValue;
    private final Map<ConfigEnv, T> envDefaults;
    private final Set<ConfigEnv> requiredIn;

    private Setting(String variable, String typeName, BiFunction<String, String, T> parser, T defaultValue,
                    Map<ConfigEnv, T> envDefaults, Set<ConfigEnv> requiredIn) {
        this.variable = variable;
        this.typeName = typeName;
        this.parser = parser;
        this.defaultValue = defaultValue;
        this.envDefaults = envDefaults;
        this.requiredIn = requiredIn;
    }

    private static <T> Setting<T> of(String variable, String typeName, BiFunction<String, String, T> parser) {
        Objects.requireNonNull(variable, "variable must not be null");
        if (!variable.matches("[A-Z_][A-Z0-9_]*")) {
            throw new IllegalArgumentException("an environment variable name is upper case letters, digits and _: "
                    + variable);
        }
        return new Setting<>(variable, typeName, parser, null, Map.of(), Set.of());
    }

    public static Setting<String> string(String variable) {
        return of(variable, "string", (n, v) -> v);
    }

    public static Setting<Integer> integer(String variable) {
        return of(variable, "integer", Env::parseInt);
    }

    public static Setting<Boolean> bool(String variable) {
        return of(variable, "boolean", Env::parseBool);
    }

    public static Setting<URI> url(String variable) {
        return of(variable, "URL", Env::parseUrl);
    }

    public static Setting<Duration> duration(String variable) {
        return of(variable, "duration", Env::parseDuration);
    }

    /** The value when the variable is unset, in every environment without its own default. */
    public Setting<T> withDefault(T value) {
        return new Setting<>(variable, typeName, parser, Objects.requireNonNull(value, "value must not be null"),
                envDefaults, requiredIn);
    }

    /** The value when the variable is unset in {@code env}. */
    public Setting<T> withDefaultIn(ConfigEnv env, T value) {
        Map<ConfigEnv, T> next = new EnumMap<>(ConfigEnv.class);
        next.putAll(envDefaults);
        next.put(env, Objects.requireNonNull(value, "value must not be null"));
        return new Setting<>(variable, typeName, parser, defaultValue, Collections.unmodifiableMap(next), requiredIn);
    }

    /** The variable must be set in these environments; defaults do not apply there. */
    public Setting<T> requiredIn(ConfigEnv... envs) {
        Set<ConfigEnv> next = EnumSet.noneOf(ConfigEnv.class);
        next.addAll(requiredIn);
        next.addAll(java.util.List.of(envs));
        return new Setting<>(variable, typeName, parser, defaultValue, envDefaults, Collections.unmodifiableSet(next));
    }

    /** Required in every environment. */
    public Setting<T> required() {
        return requiredIn(ConfigEnv.values());
    }

    public String variable() {
        return variable;
    }

    public String typeName() {
        return typeName;
    }

    /** Reads the setting for {@code configEnv}: the parsed variable, else the default; {@code null} when neither. */
    T resolve(Env env, ConfigEnv configEnv) {
        var raw = env.get(variable);
        if (raw.isPresent()) {
            return parser.apply(variable, raw.get());
        }
        if (requiredIn.contains(configEnv)) {
            throw new ConfigException("environment variable " + variable + " is missing; it is required in "
                    + configEnv.name().toLowerCase(java.util.Locale.ROOT) + " (a " + typeName + ")");
        }
        return envDefaults.getOrDefault(configEnv, defaultValue);
    }

    @Override
    public String toString() {
        return variable + " (" + typeName + ")";
    }
}
