package otp;

/** How a supervisor reacts to a child's exit. */
public enum Strategy {
    /** Restart only the child that exited. */
    ONE_FOR_ONE,
    /** Stop all other children (in reverse start order), then restart all in start order. */
    ONE_FOR_ALL,
    /** Stop the children started after the one that exited, then restart it and them in order. */
    REST_FOR_ONE
}
