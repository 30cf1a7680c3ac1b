package otp;

/** A process called itself: it would wait forever for its own reply ({@code {:calling_self, ...}}). */
public final class CallingSelfException extends ExitException {
    public CallingSelfException(Object server) {
        super(Reason.of("{calling_self, " + server + "}"), "process " + server + " called itself, which can never be answered");
    }
}
