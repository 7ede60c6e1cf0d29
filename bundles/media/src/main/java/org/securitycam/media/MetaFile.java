package org.securitycam.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
 * A {@code .meta.json} sidecar, parsed the first time it is asked for and kept for as long as the file keeps the
 * identity it had when it was found. A file that does not parse, or is larger than a meta ever is, reads as none.
 */
final class MetaFile {
    static final int MAX_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build()).build());

    private final Entry.Side side;
    private volatile Optional<Map<String, Object>> value;

    MetaFile(Entry.Side side) {
        this.side = side;
    }

    boolean is(Entry.Side other) {
        return side.equals(other);
    }

    Optional<Map<String, Object>> value() {
        Optional<Map<String, Object>> v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = read();
                    value = v;
                }
            }
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> read() {
        if (side.stamp().size() > MAX_BYTES) {
            return Optional.empty();
        }
        // The path was checked to be a regular file in the folder; refusing a link here keeps it so if it was
        // swapped for one since.
        try (InputStream in = Files.newInputStream(side.path(), LinkOption.NOFOLLOW_LINKS)) {
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
