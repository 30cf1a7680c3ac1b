package otp;

import java.util.Objects;

/** A name in the {@link Global} registry: Erlang's {@code {:global, name}}. */
public record GlobalName(String value) implements ServerRef, ServerName {
    public GlobalName {
        Objects.requireNonNull(value, "name must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a global name must not be blank");
        }
    }

    @Override public String toString() {
        return "{global, " + value + "}";
    }
}
