package otplab.exercises;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The anonymous learner behind a request: a random token in an HttpOnly cookie set on the first
 * visit (or, for scripts, the {@value #HEADER} header). The cookie carries the token and its
 * HMAC-SHA256 under the server's {@code SECRET_KEY_BASE}, as Phoenix signs its session cookie: a
 * cookie the server did not issue (tampered, or signed by another secret) counts as a new learner,
 * never as an error. The database never holds the token itself, only its SHA-256
 * ({@link #learnerKey}), so a copy of the database cannot be used to act as a learner.
 */
final class LearnerToken {
    static final String COOKIE = "otplab_learner";
    static final String HEADER = "X-OTPLab-Learner";
    private static final String ATTRIBUTE = "otplab.learner";
    private static final String HMAC = "HmacSHA256";
    /** Keeps this key apart from any other use of the same secret. */
    private static final String KEY_PURPOSE = "otplab learner cookie v1";
    private static final char SEPARATOR = '.';
    private static final int TOKEN_BYTES = 24;
    private static final int COOKIE_MAX_AGE_SECONDS = 400 * 24 * 3600;
    private static final int PSEUDONYM_LENGTH = 10;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{22,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** Signs with a key derived from {@code secretKeyBase} (the server's {@code SECRET_KEY_BASE}). */
    LearnerToken(String secretKeyBase) {
        Objects.requireNonNull(secretKeyBase, "secretKeyBase must not be null");
        this.key = new SecretKeySpec(mac(new SecretKeySpec(secretKeyBase.getBytes(StandardCharsets.UTF_8), HMAC), KEY_PURPOSE), HMAC);
    }

    /** Before every page and API call: makes sure the browser holds a token, and remembers whose request it is. */
    void ensure(Context ctx) {
        String token = ctx.header(HEADER);
        if (token == null || !VALID.matcher(token).matches()) {
            token = verify(ctx.cookie(COOKIE)).orElse(null);
        }
        if (token == null) {
            byte[] bytes = new byte[TOKEN_BYTES];
            RANDOM.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Cookie cookie = new Cookie(COOKIE, sign(token));
            cookie.setPath("/");
            cookie.setMaxAge(COOKIE_MAX_AGE_SECONDS);
            cookie.setHttpOnly(true);
            cookie.setSameSite(SameSite.LAX);
            ctx.cookie(cookie);
        }
        ctx.attribute(ATTRIBUTE, learnerKey(token));
    }

    /** {@code token.signature}, the cookie's value. */
    String sign(String token) {
        return token + SEPARATOR + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(key, token));
    }

    /** The token of a cookie this server signed; empty for anything else. */
    Optional<String> verify(String cookie) {
        if (cookie == null) {
            return Optional.empty();
        }
        int dot = cookie.lastIndexOf(SEPARATOR);
        if (dot < 0) {
            return Optional.empty();
        }
        String token = cookie.substring(0, dot);
        if (!VALID.matcher(token).matches()) {
            return Optional.empty();
        }
        byte[] expected = sign(token).getBytes(StandardCharsets.US_ASCII);
        // Constant time, so the signature cannot be found one byte at a time by timing.
        return MessageDigest.isEqual(expected, cookie.getBytes(StandardCharsets.US_ASCII)) ? Optional.of(token) : Optional.empty();
    }

    /** The learner key of this request (set by {@link #ensure}, which runs before every route but assets). */
    static String of(Context ctx) {
        String key = ctx.attribute(ATTRIBUTE);
        if (key == null) {
            throw new IllegalStateException("no learner for " + ctx.path() + ": LearnerToken.ensure did not run");
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

    private static byte[] mac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("the JDK lacks " + HMAC, impossible);
        }
    }
}
