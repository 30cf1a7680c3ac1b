import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.ChildInfo;
import otp.GenServer;
import otp.Pid;
import otp.Process;
import otp.Supervisor;

class PipelineTest {
    Pid pipeline;

    @AfterEach
    void stopPipeline() {
        if (pipeline != null && Process.isAlive(pipeline)) {
            GenServer.stop(pipeline);
        }
    }

    /** Waits until name belongs to a process other than old (a restart), failing after 8 s. */
    static Pid awaitNewPid(String name, Pid old) {
        long deadline = System.nanoTime() + 8_000_000_000L;
        while (System.nanoTime() < deadline) {
            Pid now = Process.whereis(name);
            if (now != null && !now.equals(old)) {
                return now;
            }
            Process.sleep(1);
        }
        throw new AssertionError(name + " was not restarted within 8 s");
    }

    @Test
    @Tag("task:1")
    @DisplayName("the stages start in order: buffer, producer, consumer")
    void stagesStartInOrder() {
        pipeline = Pipeline.startLink();
        List<Object> ids = Supervisor.whichChildren(pipeline).stream().map(ChildInfo::id).toList();
        // whichChildren lists the newest child first, as supervisor:which_children does
        assertEquals(List.of("consumer", "producer", "buffer"), ids);
    }

    @Test
    @Tag("task:1")
    @DisplayName("an item produced comes out of the consumer")
    void itemFlowsThrough() {
        pipeline = Pipeline.startLink();
        Producer.produce("widget");
        assertEquals(Optional.of("widget"), Consumer.take());
    }

    @Test
    @Tag("task:2")
    @DisplayName("a consumer crash restarts only the consumer")
    void consumerCrashRestartsOnlyConsumer() {
        pipeline = Pipeline.startLink();
        Pid buffer = Process.whereis(Buffer.NAME);
        Pid producer = Process.whereis(Producer.NAME);
        Pid consumer = Process.whereis(Consumer.NAME);
        Consumer.crash();
        awaitNewPid(Consumer.NAME, consumer);
        assertEquals(buffer, Process.whereis(Buffer.NAME));
        assertEquals(producer, Process.whereis(Producer.NAME));
    }

    @Test
    @Tag("task:2")
    @DisplayName("a buffer crash restarts the producer and the consumer too")
    void bufferCrashRestartsLaterStages() {
        pipeline = Pipeline.startLink();
        Pid producer = Process.whereis(Producer.NAME);
        Pid consumer = Process.whereis(Consumer.NAME);
        Pid buffer = Process.whereis(Buffer.NAME);
        Buffer.crash();
        awaitNewPid(Buffer.NAME, buffer);
        assertNotEquals(producer, awaitNewPid(Producer.NAME, producer));
        assertNotEquals(consumer, awaitNewPid(Consumer.NAME, consumer));
    }

    @Test
    @Tag("task:3")
    @DisplayName("the pipeline survives five crashes in a row")
    void survivesFiveCrashes() {
        pipeline = Pipeline.startLink();
        for (int i = 0; i < 5; i++) {
            Pid consumer = Process.whereis(Consumer.NAME);
            Consumer.crash();
            awaitNewPid(Consumer.NAME, consumer);
        }
        assertTrue(Process.isAlive(pipeline));
    }
}
