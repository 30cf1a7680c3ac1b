package otp;

/** When a supervisor restarts a child that exited. */
public enum Restart {
    /** Always. */
    PERMANENT,
    /** Only after an abnormal exit (not normal, shutdown or {shutdown, term}). */
    TRANSIENT,
    /** Never; the child is forgotten when it exits. */
    TEMPORARY
}
