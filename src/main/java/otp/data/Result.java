package otp.data;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of a repo operation: the Java form of Ecto's {@code {:ok, value}} and
 * {@code {:error, reason}} tuples. Match it with a {@code switch}:
 *
 * <pre>{@code
 * case Repo.insert(changeset) do                   switch (repo.insert(changeset)) {
 *   {:ok, user} -> ...                                 case Result.Ok(var user) -> ...
 *   {:error, changeset} -> ...                         case Result.Error(var invalid) -> ...
 * end                                              }
 * }</pre>
 */
public sealed interface Result<T, E> {
    record Ok<T, E>(T value) implements Result<T, E> {}

    record Error<T, E>(E reason) implements Result<T, E> {
        public Error {
            Objects.requireNonNull(reason, "reason must not be null");
        }
    }

    static <T, E> Result<T, E> ok(T value) {
        return new Ok<>(value);
    }

    static <T, E> Result<T, E> error(E reason) {
        return new Error<>(reason);
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The value of an {@code Ok}; an {@code Error} fails with its reason, like a {@code !} function. */
    default T orElseThrow() {
        return switch (this) {
            case Ok<T, E>(var value) -> value;
            case Error<T, E>(var reason) -> throw new IllegalStateException("expected {:ok, _} but got {:error, "
                    + reason + "}");
        };
    }

    /** Applies {@code fn} to an {@code Ok}'s value; an {@code Error} passes through (like {@code with}). */
    default <U> Result<U, E> map(Function<? super T, ? extends U> fn) {
        return switch (this) {
            case Ok<T, E>(var value) -> new Ok<>(fn.apply(value));
            case Error<T, E>(var reason) -> new Error<>(reason);
        };
    }
}
