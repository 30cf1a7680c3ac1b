package otplab.web;

/**
 * A request the server refuses, with a status (4xx) and a sentence for the person who sent it.
 * Rendered as {@code {"error": message}} under {@code /api/} and as an HTML page elsewhere.
 */
public final class HttpProblem extends RuntimeException {
    private final int status;

    public HttpProblem(int status, String message) {
        super(message, null, false, false);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("status must be a 4xx code, was " + status);
        }
        this.status = status;
    }

    public static HttpProblem notFound(String message) {
        return new HttpProblem(404, message);
    }

    public static HttpProblem badRequest(String message) {
        return new HttpProblem(400, message);
    }

    public int status() {
        return status;
    }
}
