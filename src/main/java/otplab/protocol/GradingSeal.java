package otplab.protocol;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A per-grading secret: the server makes one for each grading and sends it in the {@code GRADE}
 * frame; the worker's harness, which reads that frame before any learner class exists, keeps it in
 * its own stack frame only (no static field, property or environment variable) and signs the report
 * with it (HMAC-SHA256). The server accepts only a report whose signature its own seal verifies, so
 * a report written by anything else that can reach the socket is not a verdict.
 */
public final class GradingSeal {
    /** The frame field carrying the seal in a {@code GRADE} frame and the signature in a {@code GRADED} frame. */
    public static final String FIELD = "seal";

    private static final String ALGORITHM = "HmacSHA256";
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] key;

    private GradingSeal(byte[] key) {
        this.key = key;
    }

    /** A fresh seal for one grading. */
    public static GradingSeal random() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return new GradingSeal(key);
    }

    /** The seal a {@code GRADE} frame carried; refuses anything that is not one. */
    public static GradingSeal of(String token) {
        Objects.requireNonNull(token, "token must not be null");
        if (token.length() != KEY_BYTES * 2) {
            throw new IllegalArgumentException("a grading seal is " + KEY_BYTES * 2 + " hex digits");
        }
        return new GradingSeal(HEX.parseHex(token));
    }

    /** What travels in the {@code GRADE} frame. */
    public String token() {
        return HEX.formatHex(key);
    }

    /** The signature of a report's bytes. */
    public String sign(byte[] report) {
        Objects.requireNonNull(report, "report must not be null");
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return HEX.formatHex(mac.doFinal(report));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("the JDK offers no " + ALGORITHM, e);
        }
    }

    /** Whether {@code signature} is this seal's signature of {@code report}; compared in constant time. */
    public boolean verifies(byte[] report, String signature) {
        if (signature == null || report == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(report).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "GradingSeal[hidden]";
    }
}
