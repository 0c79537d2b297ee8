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

    /** The adapters ordered by id, and by id: the same beans, found once. */
    private record Known(List<ProviderAdapter> sorted, Map<String, ProviderAdapter> byId) {

        static Known of(List<ProviderAdapter> adapters) {
            List<ProviderAdapter> sorted = adapters.stream().sorted(Comparator.comparing(ProviderAdapter::id)).toList();
            Map<String, ProviderAdapter> byId = new HashMap<>();
            sorted.forEach(adapter -> byId.putIfAbsent(adapter.id(), adapter));
            return new Known(sorted, Map.copyOf(byId));
        }
    }

    private volatile Known known;

    @Inject
    @Any
    Instance<ProviderAdapter> beans;

    /** For CDI. */
    public ProviderRegistry() {
    }

    /** For plain unit tests. */
    public ProviderRegistry(List<ProviderAdapter> adapters) {
        this.known = Known.of(adapters);
    }

    /** By id; the adapters are CDI proxies, and asking each its id on every chat was 2 % of the chat servlet's time. */
    public Optional<ProviderAdapter> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(known().byId().get(id));
    }

    /** The adapters ordered by id. */
    public List<ProviderAdapter> all() {
        return known().sorted();
    }

    /** The provider ids, sorted: for messages like "unknown provider; known: [...]". */
    public List<String> ids() {
        return all().stream().map(ProviderAdapter::id).toList();
    }

    private Known known() {
        Known current = known;
        if (current == null) {
            List<ProviderAdapter> found = new ArrayList<>();
            beans.forEach(found::add);
            current = Known.of(found);
            known = current;
        }
        return current;
    }
}
