import otp.web.Router;

/** The poll's JSON API. See the instructions, task 3. */
public final class PollRouter {
    private PollRouter() {
    }

    public static Router build() {
        throw new IllegalStateException("PollRouter.build is not written yet");
    }
}
