package org.llmgate.chat.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The client's side of a chat over the container's non-blocking output (issue 16): written on the
 * caller's thread while the client reads, queued while it does not, and a client that stops reading
 * costs a bounded buffer, then is let go and its chat cancelled (issue 11 item 5).
 */
class ClientStreamTest {

    /** A servlet output whose client reads only when the test says so. */
    static final class Output extends ServletOutputStream {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        boolean ready = true;
        boolean askedWhileBlocked;
        boolean broken;
        int flushes;
        WriteListener listener;

        @Override
        public boolean isReady() {
            askedWhileBlocked |= !ready;
            return ready;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            listener = writeListener;
        }

        @Override
        public void write(int b) {
            assertThat(ready).as("written only when the container said it could be").isTrue();
            written.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            if (broken) {
                throw new java.io.IOException("Connection reset by peer");
            }
            assertThat(ready).as("written only when the container said it could be").isTrue();
            written.write(b, off, len);
        }

        @Override
        public void flush() {
            flushes++;
        }

        /** The client read everything: the container calls back. */
        void drained() throws java.io.IOException {
            ready = true;
            if (askedWhileBlocked) {
                askedWhileBlocked = false;
                listener.onWritePossible();
            }
        }

        String text() {
            return written.toString(StandardCharsets.UTF_8);
        }
    }

    private final Output output = new Output();
    private final Map<String, Object> headers = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    private ClientStream client() throws Exception {
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getOutputStream" -> output;
                    case "setStatus" -> headers.put("status", args[0]);
                    case "setContentType" -> headers.put("Content-Type", args[0]);
                    case "getContentType" -> headers.get("Content-Type");
                    case "setHeader" -> headers.put((String) args[0], args[1]);
                    case "setContentLength" -> headers.put("Content-Length", args[0]);
                    case "isCommitted" -> false;
                    default -> null;
                });
        AsyncContext async = (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{AsyncContext.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    return method.getName().equals("getResponse") ? response : null;
                });
        return new ClientStream(async);
    }

    @Test
    void frames_are_written_and_flushed_by_the_caller_then_the_response_completes() throws Exception {
        ClientStream client = client();
        client.send("data: a\n\n");
        client.send("data: b\n\n");
        assertThat(output.text()).as("held until the upstream's read is passed on").isEmpty();
        client.flush();
        assertThat(output.text()).isEqualTo("data: a\n\ndata: b\n\n");
        assertThat(output.flushes).as("one write and one flush for the read, not one per frame").isEqualTo(1);
        client.send("data: c\n\n");
        client.end();

        assertThat(output.text()).isEqualTo("data: a\n\ndata: b\n\ndata: c\n\n");
        assertThat(output.flushes).isEqualTo(2);
        assertThat(headers).containsEntry("status", 200).containsEntry("Content-Type", "text/event-stream")
                .containsEntry("Cache-Control", "no-cache");
        assertThat(calls).containsSubsequence("setTimeout", "addListener", "complete");
    }

    @Test
    void frames_wait_while_the_client_reads_and_go_out_in_order_when_the_container_calls_back() throws Exception {
        ClientStream client = client();
        client.send("data: 1\n\n");
        client.flush();
        output.ready = false;
        client.send("data: 2\n\n");
        client.flush();
        client.send("data: 3\n\n");
        client.flush();
        client.end();
        assertThat(output.text()).isEqualTo("data: 1\n\n");
        assertThat(calls).doesNotContain("complete");

        output.drained();

        assertThat(output.text()).isEqualTo("data: 1\n\ndata: 2\n\ndata: 3\n\n");
        assertThat(calls).contains("complete");
    }

    @Test
    void an_answer_before_any_frame_is_a_complete_response_with_its_status_and_header() throws Exception {
        ClientStream client = client();
        client.answer(new ClientStream.Answer(429, "application/problem+json", "{\"status\":429}", "Retry-After", "5"));
        client.send("data: late\n\n");

        assertThat(output.text()).isEqualTo("{\"status\":429}");
        assertThat(headers).containsEntry("status", 429).containsEntry("Retry-After", "5")
                .containsEntry("Content-Type", "application/problem+json").containsEntry("Content-Length", 14);
        assertThat(calls).contains("complete");

        ClientStream streaming = client();
        streaming.send("data: x\n\n");
        streaming.flush();
        streaming.answer(new ClientStream.Answer(502, "application/json", "{}"));
        assertThat(headers).as("a stream under way keeps its 200").containsEntry("status", 200);
    }

    @Test
    void a_client_that_stops_reading_is_let_go_once_its_queue_is_full_and_the_caller_never_waits() throws Exception {
        ClientStream client = client();
        AtomicInteger gone = new AtomicInteger();
        client.onGone(gone::incrementAndGet);
        client.send("data: first\n\n");
        client.flush();
        output.ready = false; // the client stops reading
        String frame = "data: " + "x".repeat(1018) + "\n\n";

        int sent = 0;
        while (gone.get() == 0 && sent < 10_000) {
            client.send(frame);
            client.flush();
            sent++;
        }
        client.send(frame);
        client.end();

        assertThat(gone.get()).as("the chat is cancelled exactly once").isEqualTo(1);
        assertThat((long) sent * frame.length()).isGreaterThan(ClientStream.MAX_QUEUED_CHARS)
                .isLessThanOrEqualTo(ClientStream.MAX_QUEUED_CHARS + frame.length());
        assertThat(calls).as("its response is completed without waiting for it to read").contains("complete");
        assertThat(output.text()).as("none of the queued text was written").isEqualTo("data: first\n\n");

        output.drained();
        assertThat(output.text()).as("nor is it after").isEqualTo("data: first\n\n");
    }

    @Test
    void a_client_that_went_away_cancels_its_chat_once_whether_the_write_fails_or_the_container_says_so() throws Exception {
        ClientStream client = client();
        AtomicInteger gone = new AtomicInteger();
        client.onGone(gone::incrementAndGet);
        output.broken = true;
        client.send("data: 1\n\n");
        client.flush();
        client.send("data: 2\n\n");
        client.flush();
        client.end();
        assertThat(gone.get()).isEqualTo(1);
        assertThat(calls).contains("complete");

        ClientStream other = client();
        AtomicInteger otherGone = new AtomicInteger();
        other.onGone(otherGone::incrementAndGet);
        output.broken = false;
        output.ready = false;
        other.send("data: waiting\n\n");
        other.flush();
        calls.clear();
        output.listener.onError(new java.io.IOException("Broken pipe"));
        other.send("data: more\n\n");
        assertThat(otherGone.get()).isEqualTo(1);
        assertThat(calls).as("completed without waiting for a write that cannot come").contains("complete");
    }
}
