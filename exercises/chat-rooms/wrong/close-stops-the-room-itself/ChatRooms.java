import java.util.List;
import java.util.Optional;
import otp.ChildSpec;
import otp.DynamicSupervisor;
import otp.Pid;
import otp.Process;
import otp.Registry;
import otp.Strategy;
import otp.Supervisor;
import otp.SupervisorException;

/** The chat application: a Registry and a DynamicSupervisor of rooms, under one supervisor. */
public final class ChatRooms {
    public static final String REGISTRY = "chat_registry";
    public static final String ROOMS = "chat_rooms";

    private ChatRooms() {
    }

    public static Pid startLink() {
        return Supervisor.startLink(List.of(
                        ChildSpec.supervisor(REGISTRY, () -> Registry.startLink(REGISTRY)),
                        ChildSpec.supervisor(ROOMS, () -> DynamicSupervisor.startLink(DynamicSupervisor.Options.defaults(), ROOMS))),
                Supervisor.Flags.of(Strategy.ONE_FOR_ONE));
    }

    public static Pid open(String room) {
        Optional<Registry.Entry> existing = Registry.lookup(REGISTRY, room);
        if (existing.isPresent()) {
            return existing.get().pid();
        }
        try {
            return DynamicSupervisor.startChild(ROOMS, ChildSpec.worker(room, () -> Room.startLink(room)));
        } catch (SupervisorException raced) {
            // Another client opened the same room between lookup and start: its room won the name.
            return Registry.lookup(REGISTRY, room).orElseThrow(() -> raced).pid();
        }
    }

    public static int count() {
        return DynamicSupervisor.countChildren(Process.whereis(ROOMS)).active();
    }

    public static boolean close(String room) {
        Optional<Registry.Entry> entry = Registry.lookup(REGISTRY, room);
        entry.ifPresent(e -> otp.GenServer.stop(e.pid()));
        return entry.isPresent();
    }
}
