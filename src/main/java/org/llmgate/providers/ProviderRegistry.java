package org.llmgate.providers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every {@link ProviderAdapter} bean, by id: a new provider is one new adapter class (SPEC §7). */
@ApplicationScoped
public class ProviderRegistry {

    private volatile List<ProviderAdapter> adapters;
    private volatile Map<String, ProviderAdapter> byId;

    @Inject
    @Any
    Instance<ProviderAdapter> beans;

    /** For CDI. */
    public ProviderRegistry() {
    }

    /** For plain unit tests. */
    public ProviderRegistry(List<ProviderAdapter> adapters) {
        this.adapters = sorted(adapters);
    }

    public Optional<ProviderAdapter> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Map<String, ProviderAdapter> index = byId;
        if (index == null) {
            // the adapters are CDI proxies: asking each its id on every chat was 2 % of the chat servlet's time
            Map<String, ProviderAdapter> built = new HashMap<>();
            for (ProviderAdapter adapter : all()) {
                built.putIfAbsent(adapter.id(), adapter);
            }
            index = Map.copyOf(built);
            byId = index;
        }
        return Optional.ofNullable(index.get(id));
    }

    /** The adapters ordered by id. */
    public List<ProviderAdapter> all() {
        List<ProviderAdapter> current = adapters;
        if (current == null) {
            List<ProviderAdapter> found = new ArrayList<>();
            beans.forEach(found::add);
            current = sorted(found);
            adapters = current;
        }
        return current;
    }

    /** The provider ids, sorted: for messages like "unknown provider; known: [...]". */
    public List<String> ids() {
        return all().stream().map(ProviderAdapter::id).toList();
    }

    private static List<ProviderAdapter> sorted(List<ProviderAdapter> adapters) {
        return adapters.stream().sorted(Comparator.comparing(ProviderAdapter::id)).toList();
    }
}
