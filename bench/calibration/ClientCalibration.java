package org.llmgate.system;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What opening 2,000 slow upstream streams at once costs with the JDK HTTP client, set up as
 * {@code UpstreamHttp} sets it up (two clients, callbacks on their own thread), with Vert.x's
 * client (issue 16: its calibration suggested a client cheaper than the JDK's) and with Jetty 12's
 * (two selectors; its content listener sees the bytes). Each opens the
 * streams against the benchmark's upstream in the same process, round after round so the JIT
 * warms up; each round prints the first token's p50 and p90, how long until every stream had its
 * first token, and the process's CPU per stream in that opening and over the streams' lives. The
 * upstream's share is the same for each. Run by {@code bench/calibration/run.sh}; the second
 * argument picks the clients ({@code jdk,vertx,jetty}, all by default).
 */
public class ClientCalibration {
    static final int N = 2000;
    static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        try (BenchUpstream up = BenchUpstream.start()) {
            String url = up.baseUrl() + "/chat/completions";
            URI uri = URI.create(url);
            byte[] body = "{\"model\": \"bench-slow\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"Count.\"}]}".getBytes(StandardCharsets.UTF_8);
            HttpClient[] jdk = new HttpClient[2];
            for (int i = 0; i < 2; i++) {
                jdk[i] = HttpClient.newBuilder().executor(Runnable::run).version(HttpClient.Version.HTTP_1_1).build();
            }
            org.eclipse.jetty.client.HttpClient jetty = new org.eclipse.jetty.client.HttpClient(
                    new org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP(2));
            jetty.setMaxConnectionsPerDestination(4000);
            jetty.setMaxRequestsQueuedPerDestination(8000);
            jetty.start();
            Vertx vertx = Vertx.vertx();
            HttpClientAgent vx = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(4000));
            for (int round = 1; round <= Integer.parseInt(args[0]); round++) {
                for (String kind : (args.length > 1 ? args[1].split(",") : new String[] {"jdk", "vertx", "jetty"})) {
                    long[] first = new long[N];
                    long[] start = new long[N];
                    AtomicInteger firsts = new AtomicInteger();
                    CountDownLatch done = new CountDownLatch(N);
                    long cpu0 = OS.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    for (int i = 0; i < N; i++) {
                        int k = i;
                        start[k] = System.nanoTime();
                        Runnable onFirst = () -> { first[k] = System.nanoTime(); firsts.incrementAndGet(); };
                        if (kind.equals("jdk")) {
                            HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                            jdk[i % 2].sendAsync(request, info -> HttpResponse.BodySubscribers.fromSubscriber(new Scan(onFirst)))
                                    .whenComplete((r, e) -> done.countDown());
                        } else if (kind.equals("jetty")) {
                            boolean[] seen = {false};
                            jetty.newRequest(uri).method("POST")
                                    .body(new org.eclipse.jetty.client.BytesRequestContent("application/json", body))
                                    .onResponseContent((response, buf) -> {
                                        if (!seen[0] && StandardCharsets.ISO_8859_1.decode(buf.duplicate()).toString().contains("tok0")) {
                                            seen[0] = true;
                                            onFirst.run();
                                        }
                                    })
                                    .send(result -> done.countDown());
                        } else {
                            vx.request(HttpMethod.POST, uri.getPort(), "127.0.0.1", uri.getPath())
                                    .compose(req -> req.putHeader("Content-Type", "application/json").send(Buffer.buffer(body)))
                                    .onSuccess(resp -> {
                                        boolean[] seen = {false};
                                        resp.handler(buf -> {
                                            if (!seen[0] && buf.toString(StandardCharsets.ISO_8859_1).contains("tok0")) {
                                                seen[0] = true;
                                                onFirst.run();
                                            }
                                        });
                                        resp.endHandler(v -> done.countDown());
                                        resp.exceptionHandler(e -> done.countDown());
                                    })
                                    .onFailure(e -> { e.printStackTrace(); done.countDown(); });
                        }
                    }
                    while (firsts.get() < N && System.nanoTime() - t0 < 20_000_000_000L) {
                        Thread.sleep(2);
                    }
                    long opening = System.nanoTime() - t0;
                    long cpuOpening = OS.getProcessCpuTime() - cpu0;
                    done.await(60, TimeUnit.SECONDS);
                    long cpuAll = OS.getProcessCpuTime() - cpu0;
                    long[] lat = new long[N];
                    for (int i = 0; i < N; i++) {
                        lat[i] = first[i] - start[i];
                    }
                    Arrays.sort(lat);
                    System.out.printf("round %d %-5s first token p50 %4.0f ms p90 %4.0f ms; opening %4.0f ms, CPU in it %4.0f ms (%3.0f µs/stream); whole %5.0f µs/stream%n",
                            round, kind, lat[N / 2] / 1e6, lat[N * 9 / 10] / 1e6, opening / 1e6, cpuOpening / 1e6, cpuOpening / 1e3 / N, cpuAll / 1e3 / N);
                    Thread.sleep(1000);
                }
            }
            vertx.close();
            jetty.stop();
        }
    }

    static final class Scan implements Flow.Subscriber<List<ByteBuffer>> {
        private final Runnable onFirst;
        private Flow.Subscription subscription;
        private boolean seen;

        Scan(Runnable onFirst) {
            this.onFirst = onFirst;
        }

        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        public void onNext(List<ByteBuffer> buffers) {
            if (!seen) {
                for (ByteBuffer b : buffers) {
                    byte[] bytes = new byte[b.remaining()];
                    b.duplicate().get(bytes);
                    if (new String(bytes, StandardCharsets.ISO_8859_1).contains("tok0")) {
                        seen = true;
                        onFirst.run();
                        break;
                    }
                }
            }
            subscription.request(1);
        }

        public void onError(Throwable t) {
        }

        public void onComplete() {
        }
    }
}
