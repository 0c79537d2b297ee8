package org.llmgate.system;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The floor under llmgate's relay (issue 16): the least a gateway on the same Payara Micro and the
 * same JDK HTTP client does for a streamed chat. It sends the client's body on to the upstream and
 * copies the answer's bytes back as they arrive, non-blocking on both sides, with the clients set up
 * as llmgate sets up its own (two, callbacks run on their selector threads). No sign-in, no config,
 * no parsing, no records: what the benchmark measures through it is what the server and the client
 * cost. The benchmark deploys it beside llmgate, in a WAR of its own ({@link #war}).
 */
@WebServlet(urlPatterns = "/relay", asyncSupported = true)
public class FloorRelayServlet extends HttpServlet {

    /** The server's system property with the upstream's chat URL. */
    static final String UPSTREAM = "llmgate.bench.floorUpstream";
    static final String CONTEXT_ROOT = "/floor";

    private static final HttpClient[] CLIENTS = {client(), client()};
    private static final AtomicInteger NEXT = new AtomicInteger();

    private URI upstream;

    private static HttpClient client() {
        return HttpClient.newBuilder().executor(Runnable::run).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public void init() {
        upstream = URI.create(System.getProperty(UPSTREAM));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // read as llmgate reads it: a body of declared length into an array of that length
        int length = request.getContentLength();
        byte[] body = length >= 0 ? request.getInputStream().readNBytes(length) : request.getInputStream().readAllBytes();
        Relay relay = new Relay(request.startAsync());
        HttpRequest call = HttpRequest.newBuilder(upstream).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        CLIENTS[Math.floorMod(NEXT.getAndIncrement(), CLIENTS.length)]
                .sendAsync(call, info -> relay.open(info.statusCode()))
                .whenComplete((answer, failure) -> {
                    if (failure != null) {
                        relay.onError(failure);
                    }
                });
    }

    /** The upstream's bytes on their way to the client: one writer at a time, under this object's lock. */
    private static final class Relay implements Flow.Subscriber<List<ByteBuffer>>, WriteListener {
        private final AsyncContext async;
        private final HttpServletResponse response;
        private final ServletOutputStream out;
        private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
        private Flow.Subscription subscription;
        private boolean unflushed;
        private boolean ended;
        private boolean completed;

        Relay(AsyncContext async) throws IOException {
            this.async = async;
            this.response = (HttpServletResponse) async.getResponse();
            this.out = response.getOutputStream();
            async.setTimeout(0);
            out.setWriteListener(this);
        }

        synchronized HttpResponse.BodySubscriber<Void> open(int status) {
            response.setStatus(status);
            response.setContentType("text/event-stream");
            return HttpResponse.BodySubscribers.fromSubscriber(this);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            synchronized (this) {
                for (ByteBuffer buffer : buffers) {
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    pending.add(bytes);
                }
                drain();
            }
            subscription.request(1);
        }

        @Override
        public synchronized void onError(Throwable failure) {
            ended = true;
            pending.clear();
            drain();
        }

        @Override
        public synchronized void onComplete() {
            ended = true;
            drain();
        }

        @Override
        public synchronized void onWritePossible() {
            drain();
        }

        /** Writes while the client takes it; the container calls onWritePossible when it can take more. */
        private void drain() {
            try {
                while (!completed && out.isReady()) {
                    byte[] next = pending.poll();
                    if (next != null) {
                        out.write(next);
                        unflushed = true;
                    } else if (unflushed) {
                        unflushed = false;
                        out.flush();
                    } else if (ended) {
                        completed = true;
                        async.complete();
                    } else {
                        return;
                    }
                }
            } catch (IOException | RuntimeException e) {
                completed = true;
                pending.clear();
                try {
                    async.complete();
                } catch (RuntimeException ignored) {
                    // completed already
                }
            }
        }
    }

    /** A WAR with this servlet alone, written to {@code file}. */
    static Path war(Path file) {
        try (OutputStream stream = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(stream)) {
            for (Class<?> type : FloorRelayServlet.class.getNestMembers()) {
                String name = type.getName().replace('.', '/') + ".class";
                try (InputStream in = FloorRelayServlet.class.getClassLoader().getResourceAsStream(name)) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    in.transferTo(bytes);
                    zip.putNextEntry(new ZipEntry("WEB-INF/classes/" + name));
                    zip.write(bytes.toByteArray());
                    zip.closeEntry();
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
