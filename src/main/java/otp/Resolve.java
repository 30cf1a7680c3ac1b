package otp;

/** Turns an address (pid, local name, via name, global name) into a process, or null when nobody answers to it. */
final class Resolve {
    private Resolve() {
    }

    static Proc proc(ServerRef ref) {
        return switch (ref) {
            case Pid pid -> pid.proc;
            case Name name -> Names.whereis(name.value());
            case Registry.Via via -> Registry.whereis(via);
            case GlobalName global -> Global.whereis(global);
        };
    }

    static Proc liveProc(ServerRef ref) {
        Proc proc = proc(ref);
        return proc == null || !proc.isAlive() ? null : proc;
    }
}
