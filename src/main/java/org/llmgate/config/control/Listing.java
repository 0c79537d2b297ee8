package org.llmgate.config.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.function.Function;

/** Lists an entity, optionally filtered by its parent's id (PostgreSQL cannot type a null parameter). */
final class Listing {

    private Listing() {
    }

    static <E, V> List<V> of(EntityManager em, Class<E> entity, String parentField, Long parentId, Function<E, V> view) {
        String jpql = "SELECT e FROM " + entity.getSimpleName() + " e"
                + (parentId == null ? "" : " WHERE e." + parentField + " = :parent") + " ORDER BY e.id";
        TypedQuery<E> query = em.createQuery(jpql, entity);
        if (parentId != null) {
            query.setParameter("parent", parentId);
        }
        return query.getResultStream().map(view).toList();
    }
}
