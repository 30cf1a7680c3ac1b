import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import otp.Exit;
import otp.GenServer;
import otp.Pid;
import otp.Process;
import otp.Reason;

class PipelineHiddenTest {
    Pid pipeline;

    @AfterEach
    void stopPipeline() {
        if (pipeline != null && Process.isAlive(pipeline)) {
            GenServer.stop(pipeline);
        }
        Process.trapExit(false);
    }

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
    @DisplayName("taking from an empty pipeline answers empty, and items keep their order")
    void emptyAndOrdered() {
        pipeline = Pipeline.startLink();
        assertEquals(Optional.empty(), Consumer.take());
        Producer.produce("a");
        Producer.produce("b");
        assertEquals(Optional.of("a"), Consumer.take());
        assertEquals(Optional.of("b"), Consumer.take());
    }

    @Test
    @Tag("task:2")
    @DisplayName("after a buffer crash the pipeline works again end to end")
    void worksAfterBufferCrash() {
        pipeline = Pipeline.startLink();
        Pid buffer = Process.whereis(Buffer.NAME);
        Pid consumer = Process.whereis(Consumer.NAME);
        Buffer.crash();
        awaitNewPid(Buffer.NAME, buffer);
        awaitNewPid(Consumer.NAME, consumer);
        Producer.produce("after the crash");
        assertEquals(Optional.of("after the crash"), Consumer.take());
    }

    @Test
    @Tag("task:2")
    @DisplayName("a consumer crash keeps the items waiting in the buffer")
    void consumerCrashKeepsItems() {
        pipeline = Pipeline.startLink();
        Producer.produce("kept");
        Consumer.take();
        Producer.produce("still here");
        Pid consumer = Process.whereis(Consumer.NAME);
        Consumer.crash();
        awaitNewPid(Consumer.NAME, consumer);
        assertEquals(Optional.of("still here"), Consumer.take());
    }

    @Test
    @Tag("task:3")
    @DisplayName("a sixth crash within ten seconds stops the pipeline with reason shutdown")
    void sixthCrashStopsThePipeline() {
        Process.trapExit(true);
        pipeline = Pipeline.startLink();
        for (int i = 0; i < 5; i++) {
            Pid consumer = Process.whereis(Consumer.NAME);
            Consumer.crash();
            awaitNewPid(Consumer.NAME, consumer);
        }
        Consumer.crash();
        Exit exit = Process.receive(Exit.class, 8_000).orElseThrow(() -> new AssertionError("the pipeline did not stop"));
        assertEquals(pipeline, exit.from());
        assertEquals(Reason.SHUTDOWN, exit.reason());
        assertFalse(Process.isAlive(pipeline));
    }
}
