package otplab.store;

/** The database could not be reached or refused a statement; the cause holds the JDBC detail for the log. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
