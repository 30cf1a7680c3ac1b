package otplab.worker.policy;

/** Thrown into learner code when a guarded call is not allowed; the runner reports it as {@code rejected}. */
public final class PolicyRefusal extends SecurityException {
    public PolicyRefusal(String call, String reason) {
        super(call + " is not allowed here: " + reason);
    }
}
