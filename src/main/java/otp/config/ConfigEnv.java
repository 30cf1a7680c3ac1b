package otp.config;

import java.util.Locale;

/** The environment an application runs in: the Java form of {@code config_env()} ({@code :dev}, {@code :test}, {@code :prod}). */
public enum ConfigEnv {
    DEV, TEST, PROD;

    /** Reads {@code dev}, {@code test} or {@code prod} (any case); anything else is an error naming {@code variable}. */
    public static ConfigEnv parse(String variable, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "dev", "development" -> DEV;
            case "test" -> TEST;
            case "prod", "production" -> PROD;
            default -> throw new ConfigException(variable + " must be dev, test or prod, not '" + value + "'");
        };
    }
}
