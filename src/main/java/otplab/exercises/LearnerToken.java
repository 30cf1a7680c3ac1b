package otplab.exercises;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The anonymous learner behind a request: a random token in an HttpOnly cookie set on the first
 * visit (or, for scripts, the {@value #HEADER} header). The database never holds the token itself,
 * only its SHA-256 ({@link #learnerKey}), so a copy of the database cannot be used to act as a learner.
 */
final class LearnerToken {
    static final String COOKIE = "otplab_learner";
    static final String HEADER = "X-OTPLab-Learner";
    private static final String ATTRIBUTE = "otplab.learner";
    private static final int TOKEN_BYTES = 24;
    private static final int COOKIE_MAX_AGE_SECONDS = 400 * 24 * 3600;
    private static final int PSEUDONYM_LENGTH = 10;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{22,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private LearnerToken() {}

    /** Before every page and API call: makes sure the browser holds a token, and remembers whose request it is. */
    static void ensure(Context ctx) {
        String token = ctx.header(HEADER);
        if (token == null || !VALID.matcher(token).matches()) {
            token = ctx.cookie(COOKIE);
        }
        if (token == null || !VALID.matcher(token).matches()) {
            byte[] bytes = new byte[TOKEN_BYTES];
            RANDOM.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Cookie cookie = new Cookie(COOKIE, token);
            cookie.setPath("/");
            cookie.setMaxAge(COOKIE_MAX_AGE_SECONDS);
            cookie.setHttpOnly(true);
            cookie.setSameSite(SameSite.LAX);
            ctx.cookie(cookie);
        }
        ctx.attribute(ATTRIBUTE, learnerKey(token));
    }

    /** The learner key of this request (set by {@link #ensure}). */
    static String of(Context ctx) {
        String key = ctx.attribute(ATTRIBUTE);
        if (key == null) {
            ensure(ctx);
            key = ctx.attribute(ATTRIBUTE);
        }
        return key;
    }

    static String learnerKey(String token) {
        return sha256(token);
    }

    /** A short name for a learner in the instructor's view, which cannot be turned back into a token. */
    static String pseudonym(String learnerKey) {
        return "learner-" + learnerKey.substring(0, Math.min(PSEUDONYM_LENGTH, learnerKey.length()));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("the JDK lacks SHA-256", impossible);
        }
    }
}
