package org.llmgate.chat.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.container.AsyncResponse;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Issue 11 item 5: a client that stops reading costs a bounded buffer, then its chat is cancelled. */
class ClientStreamTest {

    private final List<String> calls = new ArrayList<>();

    /** A suspended response that notes what is called on it and otherwise does nothing. */
    private AsyncResponse response() {
        return (AsyncResponse) Proxy.newProxyInstance(AsyncResponse.class.getClassLoader(), new Class<?>[]{AsyncResponse.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    return method.getReturnType() == boolean.class ? false : null;
                });
    }

    @Test
    void a_client_that_stops_reading_is_let_go_once_its_queue_is_full_and_the_caller_never_waits() {
        // the writer is stuck on this client: nothing queued for it is ever written
        List<Runnable> stuckWriter = new ArrayList<>();
        ClientStream client = new ClientStream(response(), stuckWriter::add);
        AtomicInteger gone = new AtomicInteger();
        client.onGone(gone::incrementAndGet);
        String frame = "data: " + "x".repeat(1018) + "\n\n";

        int sent = 0;
        while (gone.get() == 0 && sent < 10_000) {
            client.send(frame);
            sent++;
        }
        client.send(frame);
        client.end();

        assertThat(gone.get()).as("the chat is cancelled exactly once").isEqualTo(1);
        assertThat((long) sent * frame.length()).isGreaterThan(ClientStream.MAX_QUEUED_CHARS)
                .isLessThanOrEqualTo(ClientStream.MAX_QUEUED_CHARS + frame.length());
        assertThat(stuckWriter).as("one drain, still stuck, is asked for; it closes the connection when it returns").hasSize(1);
        assertThat(calls).doesNotContain("resume", "cancel");

        stuckWriter.get(0).run(); // the stuck write returns

        assertThat(calls).as("nothing more is written to the client; its connection is closed").contains("cancel")
                .doesNotContain("resume");
    }
}
