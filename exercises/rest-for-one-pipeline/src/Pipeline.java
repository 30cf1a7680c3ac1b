import otp.Pid;

/** The supervisor of the three stages. See the instructions. */
public final class Pipeline {
    private Pipeline() {
    }

    public static Pid startLink() {
        throw new UnsupportedOperationException("the pipeline supervisor is not implemented yet");
    }
}
