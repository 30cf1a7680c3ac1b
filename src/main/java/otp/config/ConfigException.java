package otp.config;

/** Configuration is missing or malformed; the message names each variable and what is wrong with it. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
