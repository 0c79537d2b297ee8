package org.llmgate.web;

import jakarta.el.ELContext;
import jakarta.el.ELException;
import jakarta.el.ELResolver;
import jakarta.el.PropertyNotWritableException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/**
 * Lets the pages read record components as properties ({@code #{credential.keyHint}}): the
 * services answer records, and Expression Language 5 (Jakarta EE 10) only knows getters.
 */
public class RecordELResolver extends ELResolver {

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        RecordComponent component = component(base, property);
        if (component == null) {
            return null;
        }
        context.setPropertyResolved(base, property);
        try {
            return component.getAccessor().invoke(base);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new ELException("Cannot read " + property + " of " + base.getClass().getSimpleName(), e);
        }
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        RecordComponent component = component(base, property);
        if (component == null) {
            return null;
        }
        context.setPropertyResolved(base, property);
        return null; // read-only
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        if (component(base, property) != null) {
            throw new PropertyNotWritableException(base.getClass().getSimpleName() + " is a record: " + property + " is read-only");
        }
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        if (component(base, property) == null) {
            return false;
        }
        context.setPropertyResolved(base, property);
        return true;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return base != null && base.getClass().isRecord() ? String.class : null;
    }

    private static RecordComponent component(Object base, Object property) {
        if (base == null || !(property instanceof String name) || !base.getClass().isRecord()) {
            return null;
        }
        for (RecordComponent component : base.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                return component;
            }
        }
        return null;
    }
}
