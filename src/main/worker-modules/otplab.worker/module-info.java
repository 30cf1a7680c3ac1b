/**
 * The worker harness of a grading JVM: the control channel, the grading engine, the seal and the
 * outcomes before they are signed. It exports nothing and opens nothing, so learner and test
 * classes (in unnamed modules) can neither call into it nor open it by reflection; it is the one
 * module the worker starts with native access (the JVM is made non-dumpable through it).
 */
module otplab.worker {
    requires otplab.framework;
    requires java.sql;
    requires jdk.compiler;
    requires static jdk.jshell;
    requires org.junit.platform.launcher;
}
