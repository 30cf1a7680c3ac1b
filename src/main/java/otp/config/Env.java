package otp.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reading of environment variables, the Java form of {@code System.get_env/1} plus the
 * parsing a {@code config/runtime.exs} does by hand. The map is injectable, so tests never touch
 * the real environment.
 *
 * <pre>{@code
 * System.get_env("HOST")                                 env.get("HOST")                 // Optional<String>
 * System.get_env("HOST") || "localhost"                  env.get("HOST", "localhost")
 * System.fetch_env!("SECRET_KEY_BASE")                   env.require("SECRET_KEY_BASE")
 * String.to_integer(System.get_env("PORT") || "4000")    env.getInt("PORT", 4000)
 * System.get_env("SSL") in ~w(true 1)                    env.getBool("SSL", false)
 * URI.parse(System.fetch_env!("DATABASE_URL"))           env.requireUrl("DATABASE_URL")
 * (a duration such as "30s")                             env.getDuration("TIMEOUT", Duration.ofSeconds(5))
 * }</pre>
 *
 * <p>Blank values count as unset. Every failure is a {@link ConfigException} that names the variable.
 */
public final class Env {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private final Map<String, String> variables;

    private Env(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** The process's real environment. */
    public static Env system() {
        return new Env(System.getenv());
    }

    /** A given map of variables, for tests and lessons. */
    public static Env of(Map<String, String> variables) {
        return new Env(Objects.requireNonNull(variables, "variables must not be null"));
    }

    public Optional<String> get(String name) {
        String value = variables.get(Objects.requireNonNull(name, "name must not be null"));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String get(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    /** The value, or a {@link ConfigException} saying the variable is missing. */
    public String require(String name) {
        return get(name).orElseThrow(() -> new ConfigException("environment variable " + name + " is missing"));
    }

    public int getInt(String name, int fallback) {
        return get(name).map(v -> parseInt(name, v)).orElse(fallback);
    }

    public int requireInt(String name) {
        return parseInt(name, require(name));
    }

    public boolean getBool(String name, boolean fallback) {
        return get(name).map(v -> parseBool(name, v)).orElse(fallback);
    }

    public URI requireUrl(String name) {
        return parseUrl(name, require(name));
    }

    public Optional<URI> getUrl(String name) {
        return get(name).map(v -> parseUrl(name, v));
    }

    public Duration getDuration(String name, Duration fallback) {
        return get(name).map(v -> parseDuration(name, v)).orElse(fallback);
    }

    /**
     * The environment named by {@code variable} ({@code dev} when unset), the way a release reads
     * {@code MIX_ENV} at build time.
     */
    public ConfigEnv configEnv(String variable) {
        return get(variable).map(v -> ConfigEnv.parse(variable, v)).orElse(ConfigEnv.DEV);
    }

    static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, not '" + value + "'");
        }
    }

    static boolean parseBool(String name, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ConfigException(name + " must be true or false (or 1/0, yes/no, on/off), not '"
                    + value + "'");
        };
    }

    static URI parseUrl(String name, String value) {
        try {
            URI uri = new URI(value.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new ConfigException(name + " must be a URL with a scheme and a host, such as"
                        + " postgres://user:secret@db.example:5432/app; got a value without "
                        + (uri.getScheme() == null ? "a scheme" : "a host"));
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(name + " is not a valid URL: " + e.getReason());
        }
    }

    /** Durations are a number with a unit: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}; a bare number is milliseconds. */
    static Duration parseDuration(String name, String value) {
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigException(name + " must be a duration such as 250ms, 30s, 5m or 2h, not '" + value + "'");
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " is too large a duration: '" + value + "'");
        }
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
