package org.securitycam.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The parsed {@code .meta.json} sidecars of one folder, read the first time one is asked for and kept, the most
 * recently used first, up to {@link #CAPACITY} of them: a folder may hold 100,000 recordings, and their parsed
 * metas would not fit in the device's heap. A meta is known by the identity its file had when the index saw it, so
 * a changed file is read again. A file that does not parse, or is larger than a meta ever is, reads as none.
 * Thread-safe: listings are read outside the store's lock.
 */
final class MetaCache {
    static final int MAX_BYTES = 64 * 1024;
    static final int CAPACITY = 1_024;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build()).build());

    /** A meta file's name in the folder and its identity (size, modification time, a hash of its file key). */
    record Key(String name, int size, long modified, int fileKey) {
    }

    private final Map<Key, Optional<Map<String, Object>>> values = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Optional<Map<String, Object>>> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The parsed meta of {@code key} in the real folder {@code root}. */
    Optional<Map<String, Object>> value(Path root, Key key) {
        synchronized (values) {
            Optional<Map<String, Object>> v = values.get(key);
            if (v != null) {
                return v;
            }
        }
        // Read outside the lock: two readers of one meta at once both read it, and one of the equal values stays.
        Optional<Map<String, Object>> v = read(root.resolve(key.name()), key.size());
        synchronized (values) {
            Optional<Map<String, Object>> known = values.putIfAbsent(key, v);
            return known != null ? known : v;
        }
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> read(Path file, int size) {
        if (size > MAX_BYTES) {
            return Optional.empty();
        }
        // The path was checked to be a regular file in the folder; refusing a link here keeps it so if it was
        // swapped for one since.
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                return Optional.empty();
            }
            Object parsed = JSON.readValue(bytes, Object.class);
            return parsed instanceof Map<?, ?> map ? Optional.of((Map<String, Object>) frozen(map)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A deep unmodifiable copy: every listing shares the one parsed value. */
    private static Object frozen(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), frozen(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object v : list) {
                copy.add(frozen(v));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
