package org.llmgate.observability;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * A Prometheus counter with a fixed set of label names. Label values must come from a bounded set
 * (provider, model of a config, error class, organization id): never a student id or free text.
 */
final class Counter {

    final String name;
    final String help;
    final List<String> labelNames;
    private final Map<List<String>, DoubleAdder> series = new ConcurrentHashMap<>();

    Counter(String name, String help, String... labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = List.of(labelNames);
    }

    void inc(String... labelValues) {
        add(1, labelValues);
    }

    void add(double amount, String... labelValues) {
        series.computeIfAbsent(List.of(labelValues), k -> new DoubleAdder()).add(amount);
    }

    void writeTo(PrometheusText out) {
        out.header(name, help, "counter");
        series.forEach((values, adder) -> out.sample(name, labelNames, values, adder.sum()));
    }
}
