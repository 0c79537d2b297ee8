package org.llmgate.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What llmgate adds to an OpenAI-compatible chat, measured against the same upstream called
 * directly in the same run (SPEC §10, issue 16): sequential time to first token and total for
 * 20-token streams, 32 concurrent clients streamed and not, and many concurrent slow streams with
 * the server's threads and heap after GC. A benchmark, not a test: it prints a table and asserts
 * only that every chat was answered. Not part of {@code mvn verify}; run {@code bench/run.sh}.
 * Sizes: {@code -Dbench.warmup}, {@code -Dbench.sequential}, {@code -Dbench.requests},
 * {@code -Dbench.slow}, {@code -Dbench.slow.warmup.max}, {@code -Dbench.slow.rounds}.
 */
class RelayOverheadBenchmark {

    static final int WARM_UP = Integer.getInteger("bench.warmup", 1000);
    /** Warm-up goes on past {@link #WARM_UP}, in rounds, until the JIT compilers are quiet; at most this many. */
    static final int WARM_UP_MAX = Integer.getInteger("bench.warmup.max", 20_000);
    static final int WARM_UP_ROUND = 500;
    /** Quiet: both processes' compiler threads used less than this share of a round's wall time. */
    static final double JIT_QUIET = 0.02;
    static final int SEQUENTIAL = Integer.getInteger("bench.sequential", 500);
    static final int CONCURRENT_CLIENTS = 32;
    static final int CONCURRENT_REQUESTS = Integer.getInteger("bench.requests", 2000);
    static final int SLOW_STREAMS = Integer.getInteger("bench.slow", 2000);
    /** Slow rounds (direct, then through llmgate) run as warm-up until their compilers are quiet; at most this many. */
    static final int SLOW_WARM_UP_MAX = Integer.getInteger("bench.slow.warmup.max", 6);
    /** Quiet, for a slow round: both processes' compiler threads used less CPU than this through it. */
    static final long SLOW_JIT_QUIET_MS = 100;
    /** Measured slow rounds (direct, then through llmgate); the table gives their median. */
    static final int SLOW_ROUNDS = Integer.getInteger("bench.slow.rounds", 3);
    /** The slow streams also through {@link FloorRelayServlet}, deployed beside llmgate: what the server and client cost alone. */
    static final boolean FLOOR = Boolean.parseBoolean(System.getProperty("bench.floor", "true"));

    private final ExecutorService clientThreads = Executors.newFixedThreadPool(4);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads).build();
    private final List<String> rows = new ArrayList<>();
    /** The benchmark process (client and upstream) and llmgate's, for their CPU and compilers. */
    private ServerProbe self;
    private ServerProbe gateway;
    private BenchUpstream upstream;

    @Test
    void relay_overhead() throws Exception {
        TestDatabase db = TestDatabase.get();
        try (BenchUpstream upstream = this.upstream = BenchUpstream.start();
             LlmgateServer server = LlmgateServer.start("bench", db.createDatabase("llmgate_bench"), db,
                     Llmgate.tempDir("llmgate-bench"), Map.of(
                             // one organization opens every slow stream: lift its open-chat limit above them
                             "llmgate.max-open-chats-per-org", String.valueOf(SLOW_STREAMS + 100),
                             // -Dbench.metrics=false measures the relay without recording metrics (issue 14)
                             "llmgate.metrics.enabled", System.getProperty("bench.metrics", "true"),
                             FloorRelayServlet.UPSTREAM, upstream.baseUrl() + "/chat/completions"),
                     FLOOR ? List.of(FloorRelayServlet.war(java.nio.file.Path.of(System.getProperty("llmgate.buildDir", "target"),
                             "floor-relay.war")) + ":" + FloorRelayServlet.CONTEXT_ROOT) : List.of())) {
            Api api = new Api(server.baseUrl());
            Fixtures fixtures = new Fixtures(api);
            long organization = fixtures.organization();
            long credential = fixtures.credential(organization, "openai", "sk-bench-0123456789abcdef0123", upstream.baseUrl());
            long fast = homework(fixtures, organization, credential, "bench-fast");
            long slow = homework(fixtures, organization, credential, "bench-slow");
            // two priced homeworks, identical but for the budgets on the second one's course (issue 13)
            long unbudgeted = pricedHomework(api, fixtures, organization, credential);
            long budgeted = pricedHomework(api, fixtures, organization, credential);
            long twin = pricedHomework(api, fixtures, organization, credential);
            long budgetedCourse = api.get("admin/homeworks/" + budgeted).json().getJsonNumber("courseId").longValue();
            api.create("admin/budgets", jakarta.json.Json.createObjectBuilder().add("organizationId", organization)
                    .add("courseId", budgetedCourse).add("period", "month").add("limitCents", 1_000_000_000).build());
            api.create("admin/budgets", jakarta.json.Json.createObjectBuilder().add("organizationId", organization)
                    .add("courseId", budgetedCourse).add("perStudent", true).add("period", "day").add("limitTokens", 1_000_000_000L).build());

            Target direct = new Target(upstream.baseUrl() + "/chat/completions", "Bearer sk-bench-0123456789abcdef0123");
            // as an LMS calls it: the organization's integration token as the OpenAI API key
            String token = api.post("admin/organizations/" + organization + "/tokens", null).json().getString("token");
            Target relayed = new Target(server.baseUrl() + "/api/v1/chat/completions", "Bearer " + token);

            // 1,000 requests of each kind leave both JIT compilers busy for thousands more: measured then, the
            // table shows the compiler as much as the relay. Warm-up goes on until both are quiet (or WARM_UP_MAX).
            self = new ServerProbe(ProcessHandle.current().pid());
            gateway = new ServerProbe(server.pid());
            HttpRequest[] warmUps = {direct.request("bench-fast", true), relayed.request("homework:" + fast, true),
                    direct.request("bench-fast", false), relayed.request("homework:" + fast, false)};
            int warmedUp = warmUp(warmUps, WARM_UP, false);
            double compiling = 1;
            while (warmedUp < WARM_UP_MAX && compiling >= JIT_QUIET) {
                long started = System.nanoTime();
                long compiled = self.compilerMillis() + gateway.compilerMillis();
                // one round one by one, one at 32 clients: the concurrent phases run code the sequential ones do not
                int round = Math.min(WARM_UP_ROUND, WARM_UP_MAX - warmedUp);
                warmedUp += warmUp(warmUps, round / 2, false) + warmUp(warmUps, round - round / 2, true);
                compiling = (self.compilerMillis() + gateway.compilerMillis() - compiled) / ((System.nanoTime() - started) / 1e6);
            }
            // a measured 32-client phase is 2,000 requests, eight times a warm-up round: one untimed run of each,
            // so what only a long run reaches (larger batches of attempt records, among others) is compiled first
            for (boolean streamed : new boolean[] {true, false}) {
                throughput(direct.request("bench-fast", streamed));
                throughput(relayed.request("homework:" + fast, streamed));
            }
            long measuredFrom = System.nanoTime();
            long[] compilerAtStart = {self.compilerMillis(), gateway.compilerMillis()};
            Timings directStream = sequential(direct.request("bench-fast", true), SEQUENTIAL);
            Timings relayedStream = sequential(relayed.request("homework:" + fast, true), SEQUENTIAL);
            row("streamed time to first token p50, sequential", directStream.firstTokenMs(), relayedStream.firstTokenMs());
            row("20-token stream total p50, sequential", directStream.totalMs(), relayedStream.totalMs());
            Timings directPlain = sequential(direct.request("bench-fast", false), SEQUENTIAL);
            Timings relayedPlain = sequential(relayed.request("homework:" + fast, false), SEQUENTIAL);

            // CPU per request, from /proc: the benchmark process is the client and the upstream, the server is llmgate
            for (boolean streamed : new boolean[] {true, false}) {
                long[] before = {self.cpuMillis(), gateway.cpuMillis(), gateway.systemMillis()};
                double directRate = throughput(direct.request("bench-fast", streamed));
                long[] between = {self.cpuMillis(), gateway.cpuMillis(), gateway.systemMillis(), self.compilerMillis(), gateway.compilerMillis()};
                double relayedRate = throughput(relayed.request("homework:" + fast, streamed));
                long[] after = {self.cpuMillis(), gateway.cpuMillis(), gateway.systemMillis(), self.compilerMillis(), gateway.compilerMillis()};
                String kind = streamed ? "streams" : "non-streamed";
                rate("32 concurrent " + kind + ", throughput/s", directRate, relayedRate);
                rows.add(String.format("| … CPU per request: client and upstream (benchmark process) | %.0f µs | %.0f µs | |",
                        perRequestMicros(between[0] - before[0]), perRequestMicros(after[0] - between[0])));
                rows.add(String.format("| … CPU per request: llmgate (server process; in the kernel) | | %.0f µs (%.0f µs) | |",
                        perRequestMicros(after[1] - between[1]), perRequestMicros(after[2] - between[2])));
                rows.add(String.format("| … JIT compilers' CPU while relayed: benchmark process / llmgate | | %d / %d ms | |",
                        after[3] - between[3], after[4] - between[4]));
            }
            row("non-streamed total p50, sequential", directPlain.totalMs(), relayedPlain.totalMs());

            // one request without a budget, one with, in turn: both sides see the same moments of a noisy machine;
            // the same between two homeworks without budgets shows how far apart two identical paths measure
            HttpRequest plainRequest = relayed.request("homework:" + unbudgeted, true, "student-1");
            HttpRequest budgetRequest = relayed.request("homework:" + budgeted, true, "student-1");
            HttpRequest twinRequest = relayed.request("homework:" + twin, true, "student-1");
            // the budget paths' own warm-up is no measured phase: its time and compiling stay out of the share below
            long budgetWarmUpFrom = System.nanoTime();
            long[] compilerBeforeBudgetWarmUp = {self.compilerMillis(), gateway.compilerMillis()};
            for (int i = 0; i < WARM_UP / 4; i++) {
                sequential(plainRequest, 1);
                sequential(budgetRequest, 1);
                sequential(twinRequest, 1);
            }
            long budgetWarmUpNanos = System.nanoTime() - budgetWarmUpFrom;
            long[] budgetWarmUpCompiler = {self.compilerMillis() - compilerBeforeBudgetWarmUp[0],
                    gateway.compilerMillis() - compilerBeforeBudgetWarmUp[1]};
            Timings[] control = interleaved(plainRequest, twinRequest);
            Timings[] budgets = interleaved(plainRequest, budgetRequest);
            budgetRow("control: two homeworks without budgets, streamed time to first token p50", control[0].firstTokenMs(), control[1].firstTokenMs());
            budgetRow("control: two homeworks without budgets, 20-token stream total p50", control[0].totalMs(), control[1].totalMs());
            budgetRow("with budgets in force, streamed time to first token p50", budgets[0].firstTokenMs(), budgets[1].firstTokenMs());
            budgetRow("with budgets in force, 20-token stream total p50", budgets[0].totalMs(), budgets[1].totalMs());

            double wallMs = (System.nanoTime() - measuredFrom - budgetWarmUpNanos) / 1e6;
            rows.add(String.format("| JIT compilers' CPU during the phases above, share of their wall time | %.1f %% | %.1f %% | |",
                    100 * (self.compilerMillis() - compilerAtStart[0] - budgetWarmUpCompiler[0]) / wallMs,
                    100 * (gateway.compilerMillis() - compilerAtStart[1] - budgetWarmUpCompiler[1]) / wallMs));
            rows.add(String.format("| … not in it: the budget rows' own warm-up (%d of each of their 3 requests), compilers' CPU | %d ms | %d ms | |",
                    WARM_UP / 4, budgetWarmUpCompiler[0], budgetWarmUpCompiler[1]));

            // the slow phase runs code the others never do (a new connection per stream, on both sides, and
            // a read per token): warmed the same way, until both compilers are quiet through a whole round
            HttpRequest directSlowRequest = direct.request("bench-slow", true);
            HttpRequest relayedSlowRequest = relayed.request("homework:" + slow, true);
            HttpRequest floorSlowRequest = new Target(server.url(FloorRelayServlet.CONTEXT_ROOT + "/relay"), "Bearer none")
                    .request("bench-slow", true);
            int slowWarmUps = slowWarmUp(directSlowRequest, relayedSlowRequest);

            // measured in rounds, each direct then through llmgate: opening 2,000 streams at once on two shared
            // cores varies by tens of milliseconds from one round to the next, and the median of the rounds less
            int idleThreads = gateway.threads();
            long[] compilerBeforeSlow = {self.compilerMillis(), gateway.compilerMillis()};
            long[] slowCpu = new long[3]; // benchmark process direct, benchmark process relayed, llmgate
            List<SlowRun> directRuns = new ArrayList<>();
            List<SlowRun> relayedRuns = new ArrayList<>();
            for (int round = 1; round <= SLOW_ROUNDS; round++) {
                long[] before = {self.cpuMillis(), gateway.cpuMillis()};
                directRuns.add(slowStreams(directSlowRequest, false));
                long[] between = {self.cpuMillis(), gateway.cpuMillis()};
                // the last round also probes the server's threads and heap; the probe's full GC is in its CPU
                relayedRuns.add(slowStreams(relayedSlowRequest, round == SLOW_ROUNDS));
                long[] after = {self.cpuMillis(), gateway.cpuMillis()};
                slowCpu[0] += between[0] - before[0];
                slowCpu[1] += after[0] - between[0];
                slowCpu[2] += after[1] - between[1];
            }
            SlowRun probed = relayedRuns.get(SLOW_ROUNDS - 1);
            double streams = (double) SLOW_STREAMS * SLOW_ROUNDS;
            rows.add(String.format("| %d slow streams (20 tokens %d ms apart), %d rounds: answered, fewest in a round | %d | %d | |",
                    SLOW_STREAMS, BenchUpstream.SLOW_GAP_MS, SLOW_ROUNDS, fewestAnswered(directRuns), fewestAnswered(relayedRuns)));
            rows.add(String.format("| … wall time, median of the rounds | %.1f s | %.1f s | |",
                    median(directRuns, run -> run.wallS), median(relayedRuns, run -> run.wallS)));
            row("… first token p50, median of the rounds", median(directRuns, run -> run.timings.firstTokenMs()),
                    median(relayedRuns, run -> run.timings.firstTokenMs()));
            List<String> added = new ArrayList<>();
            for (int round = 0; round < SLOW_ROUNDS; round++) {
                added.add(String.format("%+.0f", relayedRuns.get(round).timings.firstTokenMs() - directRuns.get(round).timings.firstTokenMs()));
            }
            rows.add(String.format("| … first token p50 added, round by round | | | %s ms |", String.join(", ", added)));
            row("… total p50, median of the rounds", median(directRuns, run -> run.timings.totalMs()),
                    median(relayedRuns, run -> run.timings.totalMs()));
            rows.add(String.format("| … server threads (idle → peak, last round) | | %d → %d | |", idleThreads, probed.peakThreads));
            rows.add(String.format("| … server heap after GC, %d streams open | | %.0f MiB | |", probed.openAtHeap, probed.heapMib));
            rows.add(String.format("| … opening, until the last first token: wall time, median of the rounds | %.0f ms | %.0f ms | %+.0f ms |",
                    median(directRuns, run -> run.opening.wallMs), median(relayedRuns, run -> run.opening.wallMs),
                    median(relayedRuns, run -> run.opening.wallMs) - median(directRuns, run -> run.opening.wallMs)));
            rows.add(String.format("| … opening, the median stream from the first send: request reached the upstream → first token back, median of the rounds | %.0f → %.0f ms | %.0f → %.0f ms | |",
                    median(directRuns, run -> run.reachedUpstreamMs), median(directRuns, run -> run.firstTokenBackMs),
                    median(relayedRuns, run -> run.reachedUpstreamMs), median(relayedRuns, run -> run.firstTokenBackMs)));
            rows.add(String.format("| … opening: CPU per stream, client and upstream (benchmark process), median | %.0f µs | %.0f µs | |",
                    median(directRuns, run -> run.opening.selfCpuMs) * 1000.0 / SLOW_STREAMS,
                    median(relayedRuns, run -> run.opening.selfCpuMs) * 1000.0 / SLOW_STREAMS));
            rows.add(String.format("| … opening: CPU per stream, llmgate (server process), median | | %.0f µs | |",
                    median(relayedRuns, run -> run.opening.gatewayCpuMs) * 1000.0 / SLOW_STREAMS));
            rows.add(String.format("| … opening: llmgate's CPU per stream by thread group, median (µs) | | %s | |", cpuByThreadGroup(relayedRuns)));
            rows.add(String.format("| … opening: both processes' JIT compilers, median | %.0f ms | %.0f ms | |",
                    median(directRuns, run -> run.opening.compilersMs), median(relayedRuns, run -> run.opening.compilersMs)));
            rows.add(String.format("| … CPU per stream: client and upstream (benchmark process) | %.0f µs | %.0f µs | |",
                    slowCpu[0] * 1000.0 / streams, slowCpu[1] * 1000.0 / streams));
            rows.add(String.format("| … CPU per stream: llmgate (server process, heap probe included) | | %.0f µs | |",
                    slowCpu[2] * 1000.0 / streams));
            // the last round's heap probe (a full GC through jcmd) sets the server's compilers off again: the
            // openings' own compiling is in the row above
            rows.add(String.format("| … JIT compilers' CPU during the measured rounds, heap probe included, after %d warm-up round%s | %d ms | %d ms | |",
                    slowWarmUps, slowWarmUps == 1 ? "" : "s", self.compilerMillis() - compilerBeforeSlow[0],
                    gateway.compilerMillis() - compilerBeforeSlow[1]));

            if (FLOOR) {
                floor(directSlowRequest, floorSlowRequest, directRuns, relayedRuns);
            }

            String report = String.format("llmgate relay benchmark, %s (warm-up %d of each kind, until the JIT compilers used"
                            + " under %.0f %% of a round; sequential %d, %d requests at %d clients,"
                            + " %d slow streams in %d measured rounds; %d cores)%n| figure | direct | through llmgate | ratio / added |%n|---|---|---|---|%n",
                    java.time.LocalDate.now(), warmedUp, 100 * JIT_QUIET, SEQUENTIAL, CONCURRENT_REQUESTS, CONCURRENT_CLIENTS, SLOW_STREAMS,
                    SLOW_ROUNDS, Runtime.getRuntime().availableProcessors()) + String.join(System.lineSeparator(), rows) + System.lineSeparator();
            System.out.println(report);
            java.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty("llmgate.buildDir", "target"), "bench-report.md"), report);
            assertThat(fewestAnswered(relayedRuns)).as("every slow stream through llmgate answered").isEqualTo(SLOW_STREAMS);
        } finally {
            clientThreads.shutdownNow();
        }
    }

    /**
     * The same slow streams through {@link FloorRelayServlet}: the least any gateway on this server and client costs,
     * so the rows show how much of llmgate's added time is the platform's and how much its own. Its rounds come
     * after llmgate's, each direct then through the floor, so its idle connections are not in llmgate's heap figure.
     */
    private void floor(HttpRequest directSlowRequest, HttpRequest floorSlowRequest, List<SlowRun> llmgateDirectRuns, List<SlowRun> relayedRuns)
            throws Exception {
        int warmUps = slowWarmUp(directSlowRequest, floorSlowRequest);
        List<SlowRun> directRuns = new ArrayList<>();
        List<SlowRun> floorRuns = new ArrayList<>();
        for (int round = 1; round <= SLOW_ROUNDS; round++) {
            directRuns.add(slowStreams(directSlowRequest, false));
            floorRuns.add(slowStreams(floorSlowRequest, false));
        }
        String name = "… floor: a minimal relay servlet on the same server and client, measured after llmgate's rounds";
        double directMs = median(directRuns, run -> run.timings.firstTokenMs());
        double floorMs = median(floorRuns, run -> run.timings.firstTokenMs());
        rows.add(String.format("| %s: first token p50, median of %d rounds after %d warm-up | %.2f ms | %.2f ms | %+.2f ms |",
                name, SLOW_ROUNDS, warmUps, directMs, floorMs, floorMs - directMs));
        List<String> added = new ArrayList<>();
        for (int round = 0; round < SLOW_ROUNDS; round++) {
            added.add(String.format("%+.0f", floorRuns.get(round).timings.firstTokenMs() - directRuns.get(round).timings.firstTokenMs()));
        }
        rows.add(String.format("| … floor: first token p50 added, round by round | | | %s ms |", String.join(", ", added)));
        rows.add(String.format("| … floor: opening, the median stream from the first send: request reached the upstream → first token back | %.0f → %.0f ms | %.0f → %.0f ms | |",
                median(directRuns, run -> run.reachedUpstreamMs), median(directRuns, run -> run.firstTokenBackMs),
                median(floorRuns, run -> run.reachedUpstreamMs), median(floorRuns, run -> run.firstTokenBackMs)));
        rows.add(String.format("| … floor: opening, the server's CPU per stream, median | | %.0f µs | |",
                median(floorRuns, run -> run.opening.gatewayCpuMs) * 1000.0 / SLOW_STREAMS));
        rows.add(String.format("| … floor: opening, the server's CPU per stream by thread group, median (µs) | | %s | |", cpuByThreadGroup(floorRuns)));
        double llmgateAdded = median(relayedRuns, run -> run.timings.firstTokenMs()) - median(llmgateDirectRuns, run -> run.timings.firstTokenMs());
        rows.add(String.format("| … llmgate over the floor: first token p50 added, llmgate's less the floor's | | | %+.0f ms |",
                llmgateAdded - (floorMs - directMs)));
        rows.add(String.format("| … llmgate over the floor: CPU per opening stream, median | | %+.0f µs | |",
                (median(relayedRuns, run -> run.opening.gatewayCpuMs) - median(floorRuns, run -> run.opening.gatewayCpuMs)) * 1000.0 / SLOW_STREAMS));
    }

    /**
     * Slow rounds, direct then through {@code through}, until both processes' compilers are quiet through a whole
     * round (at most {@link #SLOW_WARM_UP_MAX}): the slow phase runs code the others never do. Answers how many.
     */
    private int slowWarmUp(HttpRequest direct, HttpRequest through) throws Exception {
        int rounds = 0;
        long compiling = Long.MAX_VALUE;
        while (rounds < SLOW_WARM_UP_MAX && compiling > SLOW_JIT_QUIET_MS) {
            long compiled = self.compilerMillis() + gateway.compilerMillis();
            slowStreams(direct, false);
            slowStreams(through, false);
            compiling = self.compilerMillis() + gateway.compilerMillis() - compiled;
            rounds++;
            System.out.printf("slow warm-up round %d: the compilers used %d ms%n", rounds, compiling);
        }
        return rounds;
    }

    /** The server's CPU per stream in the openings, by thread group, the median of the runs. */
    private static String cpuByThreadGroup(List<SlowRun> runs) {
        List<String> groups = new ArrayList<>();
        for (int g = 0; g < ServerProbe.THREAD_GROUPS.size(); g++) {
            int group = g;
            groups.add(String.format("%s %.0f", ServerProbe.THREAD_GROUPS.get(g),
                    median(runs, run -> run.opening.gatewayGroupsMs[group]) * 1000.0 / SLOW_STREAMS));
        }
        return String.join(", ", groups);
    }

    private static long homework(Fixtures fixtures, long organization, long credential, String model) {
        long homework = fixtures.homework(fixtures.course(organization));
        fixtures.assignHomework(homework, fixtures.config(organization, "openai", credential, model, null));
        return homework;
    }

    /** A priced config on its own course and homework: the budget rows need money to count. */
    private static long pricedHomework(Api api, Fixtures fixtures, long organization, long credential) {
        long homework = fixtures.homework(fixtures.course(organization));
        long config = api.create("admin/llm-configs", Fixtures.config(organization, "openai", credential, "bench-fast", null, null)
                .add("maxOutputTokens", 64).add("inputCentsPerMillion", 15).add("outputCentsPerMillion", 60).build());
        fixtures.assignHomework(homework, config);
        return homework;
    }

    /**
     * {@code first} and {@code second} one after the other, {@code SEQUENTIAL} times each, each first
     * and second in turn: a request right after another pays for the first one's writes off the path.
     */
    private Timings[] interleaved(HttpRequest first, HttpRequest second) throws Exception {
        Timings a = new Timings();
        Timings b = new Timings();
        for (int i = 0; i < SEQUENTIAL; i++) {
            if (i % 2 == 0) {
                a.addAll(sequential(first, 1));
                b.addAll(sequential(second, 1));
            } else {
                b.addAll(sequential(second, 1));
                a.addAll(sequential(first, 1));
            }
        }
        return new Timings[] {a, b};
    }

    /** Through llmgate both times: without a budget (the "direct" column) and with one. */
    private void budgetRow(String figure, double withoutMs, double withMs) {
        rows.add(String.format("| %s (without → with) | %.2f ms | %.2f ms | %+.2f ms |", figure, withoutMs, withMs, withMs - withoutMs));
    }

    /** {@code count} requests of each kind, one after another or at 32 clients; answers {@code count}. */
    private int warmUp(HttpRequest[] requests, int count, boolean concurrent) throws Exception {
        if (concurrent) {
            for (HttpRequest request : requests) {
                throughput(request, count);
            }
            return count;
        }
        for (int i = 0; i < count; i++) {
            for (HttpRequest request : requests) {
                sequential(request, 1);
            }
        }
        return count;
    }

    private static double perRequestMicros(long cpuMillis) {
        return cpuMillis * 1000.0 / CONCURRENT_REQUESTS;
    }

    private void row(String figure, double directMs, double relayedMs) {
        rows.add(String.format("| %s | %.2f ms | %.2f ms | %+.2f ms |", figure, directMs, relayedMs, relayedMs - directMs));
    }

    private void rate(String figure, double direct, double relayed) {
        rows.add(String.format("| %s | %.0f | %.0f | %.3f× |", figure, direct, relayed, relayed / direct));
    }

    private Timings sequential(HttpRequest request, int count) throws Exception {
        Timings timings = new Timings();
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            FirstToken first = new FirstToken(started);
            HttpResponse<Void> response = http.send(request, first.handler());
            long ended = System.nanoTime();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(first.at).as("the first token arrived").isPositive();
            timings.add(first.at - started, ended - started);
        }
        return timings;
    }

    private double throughput(HttpRequest request) throws Exception {
        return throughput(request, CONCURRENT_REQUESTS);
    }

    private double throughput(HttpRequest request, int requests) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT_CLIENTS);
        try {
            List<java.util.concurrent.Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                calls.add(() -> {
                    FirstToken first = new FirstToken(System.nanoTime());
                    int status = http.send(request, first.handler()).statusCode();
                    return first.at > 0 ? status : -1;
                });
            }
            long started = System.nanoTime();
            for (Future<Integer> call : clients.invokeAll(calls)) {
                assertThat(call.get()).isEqualTo(200);
            }
            return requests / ((System.nanoTime() - started) / 1e9);
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * All streams at once; when probed, the server's threads are sampled throughout and its heap once all are open.
     * The opening, from the first send to the last first token, is timed with both processes' CPU through it.
     */
    private SlowRun slowStreams(HttpRequest request, boolean probeServer) throws Exception {
        awaitQuietServer();
        AtomicInteger peakThreads = new AtomicInteger();
        var sampler = Executors.newSingleThreadScheduledExecutor();
        if (probeServer) {
            sampler.scheduleAtFixedRate(() -> peakThreads.accumulateAndGet(gateway.threads(), Math::max), 0, 250, TimeUnit.MILLISECONDS);
        }
        AtomicInteger finished = new AtomicInteger();
        List<FirstToken> firsts = new ArrayList<>();
        List<CompletableFuture<HttpResponse<Void>>> streams = new ArrayList<>();
        SlowRun run = new SlowRun();
        Opening opening = new Opening(SLOW_STREAMS, self, gateway);
        upstream.takeSlowArrivals();
        long started = System.nanoTime();
        for (int i = 0; i < SLOW_STREAMS; i++) {
            FirstToken first = new FirstToken(System.nanoTime(), opening);
            firsts.add(first);
            streams.add(http.sendAsync(request, first.handler())
                    .whenComplete((r, e) -> first.end = System.nanoTime()).whenComplete((r, e) -> finished.incrementAndGet()));
        }
        if (probeServer) {
            // the upstream streams for 3.8 s after its first token: two seconds in, every stream still open is open at once
            Thread.sleep(2000);
            run.openAtHeap = SLOW_STREAMS - finished.get();
            run.heapMib = gateway.heapAfterGcMib();
            // -Dbench.histogram=<file>: what the open streams keep, class by class
            String histogram = System.getProperty("bench.histogram", "");
            if (!histogram.isBlank()) {
                java.nio.file.Files.writeString(java.nio.file.Path.of(histogram), gateway.classHistogram());
            }
            // -Dbench.heapDump=<file.hprof>: the same, object by object
            String heapDump = System.getProperty("bench.heapDump", "");
            if (!heapDump.isBlank()) {
                gateway.heapDump(java.nio.file.Path.of(heapDump));
            }
        }
        for (CompletableFuture<HttpResponse<Void>> stream : streams) {
            try {
                if (stream.get(180, TimeUnit.SECONDS).statusCode() == 200) {
                    run.answered++;
                }
            } catch (Exception e) {
                // counted as not answered
            }
        }
        run.wallS = (System.nanoTime() - started) / 1e9;
        sampler.shutdownNow();
        run.peakThreads = peakThreads.get();
        run.opening = opening;
        List<Long> firstTokensAt = new ArrayList<>();
        for (FirstToken first : firsts) {
            if (first.at > 0 && first.end > 0) {
                run.timings.add(first.at - first.started, first.end - first.started);
                firstTokensAt.add(first.at);
            }
        }
        // where the median stream's time went: until its request reached the upstream, and until its first token came back
        run.reachedUpstreamMs = medianSince(upstream.takeSlowArrivals(), started);
        run.firstTokenBackMs = medianSince(firstTokensAt, started);
        return run;
    }

    /**
     * After 2,000 chats llmgate writes their attempts and usage for a while. A slow run started then shares the
     * cores with that: a direct run measured slower (rounds of -100 ms "added" and worse), a relayed one too.
     * Each starts when the server used under a tenth of a core over two readings 100 ms apart (bounded).
     */
    private void awaitQuietServer() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        int quietReadings = 0;
        long cpu = gateway.cpuMillis();
        while (quietReadings < 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            long now = gateway.cpuMillis();
            quietReadings = now - cpu <= 10 ? quietReadings + 1 : 0;
            cpu = now;
        }
    }

    private static double medianSince(List<Long> nanos, long start) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        long[] sorted = nanos.stream().mapToLong(at -> at - start).sorted().toArray();
        return sorted[sorted.length / 2] / 1e6;
    }

    private static int fewestAnswered(List<SlowRun> runs) {
        return runs.stream().mapToInt(run -> run.answered).min().orElse(0);
    }

    private static double median(List<SlowRun> runs, java.util.function.ToDoubleFunction<SlowRun> figure) {
        double[] sorted = runs.stream().mapToDouble(figure).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private record Target(String url, String authorization) {
        HttpRequest request(String model, boolean stream) {
            return request(model, stream, null);
        }

        HttpRequest request(String model, boolean stream, String user) {
            return HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json").header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"" + model + "\", \"stream\": " + stream
                            + (user == null ? "" : ", \"user\": \"" + user + "\"")
                            + ", \"messages\": [{\"role\": \"user\", \"content\": \"Count to twenty.\"}]}")).build();
        }
    }

    private static final class SlowRun {
        final Timings timings = new Timings();
        int answered;
        double wallS;
        int peakThreads;
        int openAtHeap;
        double heapMib;
        Opening opening;
        double reachedUpstreamMs;
        double firstTokenBackMs;
    }

    /**
     * From the first send to the last first token: its wall time and what each process spent through it, read when
     * the last first token arrives (/proc's 10 ms ticks: about 2 % of an opening's CPU).
     */
    private static final class Opening {
        private final AtomicInteger waiting;
        private final ServerProbe self;
        private final ServerProbe gateway;
        private final long startedNanos = System.nanoTime();
        private final long selfCpuAtStart;
        private final long gatewayCpuAtStart;
        private final long compilersAtStart;
        private final long[] gatewayGroupsAtStart;
        volatile double wallMs = Double.NaN;
        /** llmgate's CPU in the opening by thread group ({@link ServerProbe#THREAD_GROUPS}). */
        volatile long[] gatewayGroupsMs;
        volatile long selfCpuMs;
        volatile long gatewayCpuMs;
        /** Both processes' JIT compilers: what the first tokens waited for besides the streams themselves. */
        volatile long compilersMs;

        Opening(int streams, ServerProbe self, ServerProbe gateway) {
            this.waiting = new AtomicInteger(streams);
            this.self = self;
            this.gateway = gateway;
            this.selfCpuAtStart = self.cpuMillis();
            this.gatewayCpuAtStart = gateway.cpuMillis();
            this.compilersAtStart = self.compilerMillis() + gateway.compilerMillis();
            this.gatewayGroupsAtStart = gateway.cpuByThreadGroup();
        }

        void firstTokenArrived() {
            if (waiting.decrementAndGet() == 0) {
                selfCpuMs = self.cpuMillis() - selfCpuAtStart;
                gatewayCpuMs = gateway.cpuMillis() - gatewayCpuAtStart;
                compilersMs = self.compilerMillis() + gateway.compilerMillis() - compilersAtStart;
                long[] groups = gateway.cpuByThreadGroup();
                for (int i = 0; i < groups.length; i++) {
                    groups[i] -= gatewayGroupsAtStart[i];
                }
                gatewayGroupsMs = groups;
                wallMs = (System.nanoTime() - startedNanos) / 1e6;
            }
        }
    }

    private static final class Timings {
        private final List<Long> firstToken = new ArrayList<>();
        private final List<Long> total = new ArrayList<>();

        void add(long firstNanos, long totalNanos) {
            firstToken.add(firstNanos);
            total.add(totalNanos);
        }

        Timings addAll(Timings other) {
            firstToken.addAll(other.firstToken);
            total.addAll(other.total);
            return this;
        }

        double firstTokenMs() {
            return p50(firstToken);
        }

        double totalMs() {
            return p50(total);
        }

        private static double p50(List<Long> nanos) {
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2) / 1e6;
        }
    }

    /** Notes when the line carrying the first token arrives (a non-streamed answer carries them all). */
    private static final class FirstToken {
        final long started;
        private final Opening opening;
        volatile long at;
        volatile long end;

        FirstToken(long started) {
            this(started, null);
        }

        FirstToken(long started, Opening opening) {
            this.started = started;
            this.opening = opening;
        }

        HttpResponse.BodyHandler<Void> handler() {
            return HttpResponse.BodyHandlers.fromLineSubscriber(new EachLine(this::line));
        }

        private void line(String line) {
            if (at == 0 && line.contains(BenchUpstream.FIRST_TOKEN)) {
                at = System.nanoTime();
                if (opening != null) {
                    opening.firstTokenArrived();
                }
            }
        }
    }
}
