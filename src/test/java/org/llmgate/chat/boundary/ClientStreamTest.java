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

    /** A suspended response that accepts registrations and otherwise does nothing. */
    private static AsyncResponse response() {
        return (AsyncResponse) Proxy.newProxyInstance(AsyncResponse.class.getClassLoader(), new Class<?>[]{AsyncResponse.class},
                (proxy, method, args) -> method.getReturnType() == boolean.class ? false : null);
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
        assertThat(stuckWriter).as("one drain was asked for, plus closing the connection").hasSize(2);
    }
}
