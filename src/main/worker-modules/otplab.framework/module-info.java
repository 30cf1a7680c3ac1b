/**
 * What learner code and exercise tests call inside a worker JVM: the mini-framework and the
 * policy's run-time guards ({@code Guard}, {@code StopCheck}) that rewritten learner classes call.
 * Exported, not open: its private state (the page host the harness registers) stays out of
 * reflection's reach, and what the guards do by reflection for learner code is done with this
 * module's rights, which hold nothing of the harness. No native access.
 */
module otplab.framework {
    requires java.sql;
    requires static jdk.jshell;

    exports otp;
    exports otp.config;
    exports otp.data;
    exports otp.live;
    exports otp.web;
    exports otplab.worker.policy;
}
