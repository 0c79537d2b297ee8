package org.llmgate.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.llmgate.providers.Calls.call;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.llmgate.providers.openai.OpenAiAdapter;

/** An upstream that answers 200 and then sends what no provider sends: the relay's memory stays bounded. */
class HostileUpstreamTest {

    private HttpServer server;
    private UpstreamHttp http;
    private volatile String endless;
    private volatile String first = "data: ";
    private final java.util.concurrent.CountDownLatch hungUp = new java.util.concurrent.CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = endless.getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(first.getBytes(StandardCharsets.UTF_8));
                // far past every bound, and it would go on: the relay must stop reading first
                for (int sent = 0; sent < 64 * 1024 * 1024; sent += chunk.length) {
                    out.write(chunk);
                }
            } catch (IOException expected) {
                hungUp.countDown(); // the relay hung up
            }
        });
        server.start();
        http = new UpstreamHttp();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        http.close();
    }

    private UpstreamFailure stream() {
        UpstreamCall call = call("http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "sk-test-hostile-0123456789",
                "gpt-4o", Endpoint.CHAT_COMPLETIONS);
        RecordingListener listener = new RecordingListener();
        new OpenAiAdapter(http).stream(call, listener);
        return listener.await(Duration.ofSeconds(30)).failure();
    }

    @Test
    void an_endless_line_fails_the_attempt_as_an_upstream_error() {
        endless = "x".repeat(8192);

        UpstreamFailure failure = stream();

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.UPSTREAM_ERROR);
        assertThat(failure.getMessage()).contains("line longer than");
    }

    @Test
    void an_endless_event_of_many_data_lines_fails_the_attempt_as_an_upstream_error() {
        endless = "x".repeat(8000) + "\ndata: ";

        UpstreamFailure failure = stream();

        assertThat(failure.errorClass()).isEqualTo(ErrorClass.UPSTREAM_ERROR);
        assertThat(failure.getMessage()).contains("event larger than");
    }

    @Test
    void an_answer_followed_by_endless_bytes_completes_and_the_rest_is_read_only_up_to_its_bound() throws Exception {
        // the end marker, then no end of the body: what is read after it to keep the connection is bounded (issue 16)
        first = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\ndata: [DONE]\n\n";
        endless = ": still here\n".repeat(512);
        UpstreamCall call = call("http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "sk-test-hostile-0123456789",
                "gpt-4o", Endpoint.CHAT_COMPLETIONS);
        RecordingListener listener = new RecordingListener();
        new OpenAiAdapter(http).stream(call, listener);

        assertThat(listener.await(Duration.ofSeconds(5)).completed()).as("answered at the end marker").isTrue();
        assertThat(listener.text()).isEqualTo("hi");
        assertThat(hungUp.await(20, java.util.concurrent.TimeUnit.SECONDS)).as("the relay hung up on the endless rest").isTrue();
        assertThat(listener.contractBroken()).isFalse();
    }

    @Test
    void an_answer_whose_body_never_ends_completes_and_the_connection_is_cut_at_the_idle_timeout() throws Exception {
        // a raw server: the answer and its end marker, then the chunked body stays open and silent
        try (java.net.ServerSocket raw = new java.net.ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
            Thread upstream = new Thread(() -> {
                try (java.net.Socket socket = raw.accept()) {
                    var in = new java.io.BufferedInputStream(socket.getInputStream());
                    readRequest(in);
                    String events = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\ndata: [DONE]\n\n";
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + Integer.toHexString(events.length()) + "\r\n" + events + "\r\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (in.read() < 0) {
                        closed.countDown(); // the relay hung up
                    }
                } catch (IOException e) {
                    closed.countDown(); // reset by the relay: hung up too
                }
            });
            upstream.setDaemon(true);
            upstream.start();
            UpstreamCall call = Calls.withTimeouts(call("http://127.0.0.1:" + raw.getLocalPort() + "/v1", "sk-test-hostile-0123456789",
                    "gpt-4o", Endpoint.CHAT_COMPLETIONS), Duration.ofSeconds(5), Duration.ofMillis(300));
            RecordingListener listener = new RecordingListener();
            new OpenAiAdapter(http).stream(call, listener);

            assertThat(listener.await(Duration.ofSeconds(5)).completed()).as("answered at the end marker").isTrue();
            assertThat(closed.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the open body is cut at the idle timeout").isTrue();
            assertThat(listener.terminalCalls()).isEqualTo(1);
        }
    }

    @Test
    void a_chat_sent_on_a_pooled_connection_the_upstream_had_just_closed_goes_again_on_a_new_one() throws Exception {
        assertThat(System.getProperty("jdk.httpclient.enableAllMethodRetry")).isEqualTo("true");
        String events = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\ndata: [DONE]\n\n";
        String answer = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(events.length()) + "\r\n" + events + "\r\n0\r\n\r\n";
        java.util.concurrent.atomic.AtomicInteger dropped = new java.util.concurrent.atomic.AtomicInteger();
        try (java.net.ServerSocket raw = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // every connection answers its first request and closes on the next, as an idle timeout at the
            // moment of reuse would: each chat sent on a pooled connection meets a closed one
            Thread upstream = new Thread(() -> {
                while (!raw.isClosed()) {
                    try {
                        java.net.Socket socket = raw.accept();
                        Thread each = new Thread(() -> {
                            try (socket) {
                                var in = new java.io.BufferedInputStream(socket.getInputStream());
                                for (int request = 0; readRequest(in); request++) {
                                    if (request > 0) {
                                        dropped.incrementAndGet();
                                        return;
                                    }
                                    socket.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
                                    socket.getOutputStream().flush();
                                }
                            } catch (IOException e) {
                                // the relay hung up
                            }
                        });
                        each.setDaemon(true);
                        each.start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            upstream.setDaemon(true);
            upstream.start();
            UpstreamCall call = call("http://127.0.0.1:" + raw.getLocalPort() + "/v1", "sk-test-hostile-0123456789",
                    "gpt-4o", Endpoint.CHAT_COMPLETIONS);

            for (int chat = 0; chat < 10; chat++) {
                RecordingListener listener = new RecordingListener();
                new OpenAiAdapter(http).stream(call, listener);
                assertThat(listener.await(Duration.ofSeconds(10)).failure()).as("chat %d", chat).isNull();
                assertThat(listener.text()).isEqualTo("hi");
            }
            assertThat(dropped.get()).as("chats that met a closed pooled connection").isPositive();
        }
    }

    /** Reads one HTTP/1.1 request, head and body; false when the connection ended first. */
    private static boolean readRequest(java.io.InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
        return true;
    }
}
