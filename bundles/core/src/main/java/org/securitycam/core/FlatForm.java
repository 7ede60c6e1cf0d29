package org.securitycam.core;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The flat shape of an owner's sections in Config Admin, where values are scalars or arrays: a field is one
 * property named by its path ({@code calibration.debounce_ms}), prefixed by the section's name when the owner has
 * several sections; a section that is no JSON object is one property named after it; lists of scalars are arrays,
 * any other list is its JSON text. Secrets never appear; a secret that the form offers as a password field is
 * write-only: a value typed there is taken, an empty one keeps what is stored. Pure, so that it is tested without a
 * framework.
 */
final class FlatForm {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> sections;
    private final Set<String> secrets;

    FlatForm(List<String> sections, Set<String> secrets) {
        this.sections = List.copyOf(sections);
        this.secrets = Set.copyOf(secrets);
    }

    List<String> sections() {
        return sections;
    }

    /** The properties of the given section values (the owner's sections, by name). */
    Map<String, Object> flatten(Map<String, Object> values) {
        return flatten(values, new HashSet<>(), new HashSet<>());
    }

    /**
     * As {@link #flatten(Map)}, noting in {@code jsonText} the properties that hold a list as JSON text, and in
     * {@code nulls} the fields that are null (Config Admin holds no null, but the console may set them).
     */
    private Map<String, Object> flatten(Map<String, Object> values, Set<String> jsonText, Set<String> nulls) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String section : sections) {
            Object value = values.get(section);
            if (value instanceof Map<?, ?> m) {
                String prefix = sections.size() == 1 ? "" : section + ".";
                m.forEach((k, v) -> {
                    if (!secrets.contains(section + "." + k)) {
                        flatten(prefix + k, v, out, jsonText, nulls);
                    }
                });
            } else {
                flatten(section, value, out, jsonText, nulls);
            }
        }
        return out;
    }

    private static void flatten(String key, Object value, Map<String, Object> out, Set<String> jsonText,
            Set<String> nulls) {
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> flatten(key + "." + k, v, out, jsonText, nulls));
        } else if (value == null) {
            nulls.add(key);
        } else {
            Object p = property(value);
            if (value instanceof List && p instanceof String) {
                jsonText.add(key);
            }
            out.put(key, p);
        }
    }

    /** A JSON value as Config Admin holds it. */
    private static Object property(Object value) {
        if (value instanceof List<?> l) {
            if (l.isEmpty()) {
                // Nothing tells what it would hold: JSON text reads back into any list, a record list among them.
                return "[]";
            }
            if (l.stream().allMatch(String.class::isInstance)) {
                return l.toArray(new String[0]);
            }
            if (l.stream().allMatch(Boolean.class::isInstance)) {
                return l.toArray(new Boolean[0]);
            }
            if (l.stream().allMatch(FlatForm::isInteger)) {
                return l.stream().map(n -> ((Number) n).longValue()).toArray(Long[]::new);
            }
            if (l.stream().allMatch(Number.class::isInstance)) {
                return l.stream().map(n -> ((Number) n).doubleValue()).toArray(Double[]::new);
            }
            try {
                return JSON.writeValueAsString(l);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A settings list that is not JSON", e);
            }
        }
        if (isInteger(value)) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        return value;
    }

    /**
     * The sections with the properties that differ between {@code before} (what was last mirrored) and
     * {@code after} (the configuration now) applied to {@code current}; only the sections that change. A property
     * that names no field of the current sections is ignored, and so is a secret, unless {@code passwordFields}
     * (the properties the form offers as password fields) names it and it is not empty: since no secret is ever
     * mirrored, such a value was typed into the form.
     */
    Map<String, Object> apply(Map<String, Object> current, Map<String, Object> before, Map<String, Object> after,
            Set<String> passwordFields) {
        Map<String, Object> out = new LinkedHashMap<>();
        Set<String> jsonText = new HashSet<>();
        Set<String> known = new HashSet<>();
        known.addAll(flatten(current, jsonText, known).keySet());
        for (Map.Entry<String, Object> e : after.entrySet()) {
            String key = e.getKey();
            boolean typedSecret = passwordFields.contains(key) && secrets.contains(secretName(key))
                    && e.getValue() instanceof String typed && !typed.isEmpty();
            if (!typedSecret && (!known.contains(key) || same(e.getValue(), before.get(key)))) {
                continue;
            }
            Object value = json(e.getValue(), jsonText.contains(key));
            String section = sections.size() == 1 ? sections.get(0) : key.substring(0, Math.max(0, key.indexOf('.')));
            if (!sections.contains(section) || key.equals(section)) {
                out.put(key, value); // a section that is no object
                continue;
            }
            String path = sections.size() == 1 ? key : key.substring(section.length() + 1);
            @SuppressWarnings("unchecked")
            Map<String, Object> target = (Map<String, Object>) out.computeIfAbsent(section,
                    s -> Copies.deep(current.get(s)));
            put(target, path, value);
        }
        out.entrySet().removeIf(e -> same(e.getValue(), current.get(e.getKey())));
        return out;
    }

    /** The secret's name ({@code Section.field}) that a property of this form would stand for. */
    private String secretName(String key) {
        return sections.size() == 1 ? sections.get(0) + "." + key : key;
    }

    /**
     * The proposal without the nested objects that the edit left as they are, or null if it has none: what was
     * not touched yields to the owner's defaults when the edit makes it invalid (a new sensor type does not know
     * the old type's calibration).
     */
    static Map<String, Object> withoutUntouched(Map<String, Object> proposal, Map<String, Object> current) {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean dropped = false;
        for (Map.Entry<String, Object> e : proposal.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> p && current.get(e.getKey()) instanceof Map<?, ?> c) {
                Map<Object, Object> kept = new LinkedHashMap<>(p);
                dropped |= kept.entrySet().removeIf(f -> f.getValue() instanceof Map && same(f.getValue(),
                        c.get(f.getKey())));
                out.put(e.getKey(), kept);
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return dropped ? out : null;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> map, String path, Object value) {
        int dot = path.indexOf('.');
        // The first dot that leads into a nested object splits the path; a field's own name may hold no dot.
        while (dot >= 0 && !(map.get(path.substring(0, dot)) instanceof Map)) {
            dot = path.indexOf('.', dot + 1);
        }
        if (dot < 0) {
            map.put(path, value);
        } else {
            put((Map<String, Object>) map.get(path.substring(0, dot)), path.substring(dot + 1), value);
        }
    }

    /** A property back as JSON, shaped like the value it replaces: arrays as lists, JSON text as what it says. */
    private static Object json(Object property, boolean jsonText) {
        if (property != null && property.getClass().isArray()) {
            List<Object> list = new ArrayList<>();
            for (Object o : (Object[]) boxed(property)) {
                list.add(json(o, false));
            }
            return list;
        }
        if (property instanceof String s && jsonText) {
            try {
                return JSON.readValue(s, List.class);
            } catch (JsonProcessingException e) {
                return s; // the owner refuses it, naming the field
            }
        }
        if (property instanceof Integer || property instanceof Short || property instanceof Byte) {
            return ((Number) property).longValue();
        }
        if (property instanceof Float f) {
            return f.doubleValue();
        }
        return property;
    }

    private static Object boxed(Object array) {
        if (array instanceof Object[]) {
            return array;
        }
        if (array instanceof int[] a) {
            return Arrays.stream(a).boxed().toArray();
        }
        if (array instanceof long[] a) {
            return Arrays.stream(a).boxed().toArray();
        }
        if (array instanceof double[] a) {
            return Arrays.stream(a).boxed().toArray();
        }
        if (array instanceof boolean[] a) {
            Object[] out = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        return new Object[0];
    }

    /** Equal as JSON values: numbers by value (10, 10L and 10.0 are the same), arrays by their elements. */
    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        if (a != null && a.getClass().isArray()) {
            a = Arrays.asList((Object[]) boxed(a));
        }
        if (b != null && b.getClass().isArray()) {
            b = Arrays.asList((Object[]) boxed(b));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> same(x.get(k), y.get(k)));
        }
        return a == null ? b == null : a.equals(b);
    }

    /** Whether two property sets say the same. */
    static boolean same(Map<String, Object> a, Map<String, Object> b) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> same(a.get(k), b.get(k)));
    }

    private static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof BigInteger;
    }
}
