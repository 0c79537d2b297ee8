package org.llmgate.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram with fixed buckets in seconds, written with cumulative
 * {@code _bucket{le=…}} lines so dashboards can compute any percentile across instances.
 */
final class Histogram {

    static final double[] SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120};

    private static final class Series {
        final LongAdder[] buckets = new LongAdder[SECONDS.length];
        final LongAdder count = new LongAdder();
        final DoubleAdder sum = new DoubleAdder();

        Series() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }
    }

    final String name;
    final String help;
    final List<String> labelNames;
    private final Map<List<String>, Series> series = new ConcurrentHashMap<>();

    Histogram(String name, String help, String... labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = List.of(labelNames);
    }

    void observeNanos(long nanos, String... labelValues) {
        double seconds = nanos / 1e9;
        Series s = series.computeIfAbsent(List.of(labelValues), k -> new Series());
        for (int i = 0; i < SECONDS.length; i++) {
            if (seconds <= SECONDS[i]) {
                s.buckets[i].increment();
                break;
            }
        }
        s.count.increment();
        s.sum.add(seconds);
    }

    void writeTo(PrometheusText out) {
        out.header(name, help, "histogram");
        List<String> withLe = new ArrayList<>(labelNames);
        withLe.add("le");
        series.forEach((values, s) -> {
            long cumulative = 0;
            for (int i = 0; i < SECONDS.length; i++) {
                cumulative += s.buckets[i].sum();
                out.sample(name + "_bucket", withLe, with(values, PrometheusText.number(SECONDS[i])), cumulative);
            }
            long count = s.count.sum();
            out.sample(name + "_bucket", withLe, with(values, "+Inf"), count);
            out.sample(name + "_sum", labelNames, values, s.sum.sum());
            out.sample(name + "_count", labelNames, values, count);
        });
    }

    private static List<String> with(List<String> values, String le) {
        List<String> all = new ArrayList<>(values);
        all.add(le);
        return all;
    }
}
