package org.llmgate.config.control;

import java.util.List;
import org.llmgate.platform.JsonFields;

/**
 * The five admin resources share one shape: list (optionally by parent), get, create, replace, delete.
 * The implementations are stateless session beans under the thin REST resources and the screens:
 * each call is one container-managed transaction. They are {@code @LocalBean}, as implementing this
 * interface would otherwise make it their only client view.
 */
public interface CrudService<V extends CrudService.Identified> {

    interface Identified {
        Long id();
    }

    List<V> list(Long parentId);

    V get(long id);

    V create(JsonFields fields);

    V update(long id, JsonFields fields);

    void delete(long id);

    /** The fields a body may name; any other is refused with 400 (SPEC §10 Security). */
    java.util.Set<String> fields();
}
