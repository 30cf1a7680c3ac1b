package otp;

import java.util.Objects;

/** A locally registered process name (an Elixir atom name such as {@code MyApp.Counter}). */
public record Name(String value) implements ServerRef, ServerName {
    public Name {
        Objects.requireNonNull(value, "name must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a process name must not be blank");
        }
    }

    @Override public String toString() {
        return value;
    }
}
