package org.securitycam.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep copies of JSON-shaped values, so that no caller can change what the store holds. */
final class Copies {
    private Copies() {
    }

    static Object deep(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, deep(v)));
            return copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(deep(v)));
            return copy;
        }
        return value;
    }
}
