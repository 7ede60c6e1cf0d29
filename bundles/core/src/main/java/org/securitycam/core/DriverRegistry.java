package org.securitycam.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.securitycam.api.sensor.SensorTypeInfo;

/**
 * The installed drivers by type id. The first driver to register a type provides it; a later one with the same id
 * is refused and waits, and the first waiting one takes over when the provider leaves. Thread-safe: the manager
 * changes it on its thread while REST calls and the settings store read it.
 */
final class DriverRegistry {
    /** One registered driver service: the service object, its metadata and the bundle it came from. */
    record Entry(Object driver, SensorTypeInfo info, String bundle) {
        String type() {
            return info.type();
        }
    }

    /** What a removal changed: the entry gone, whether it provided its type, and who provides the type now. */
    record Removal(Entry removed, boolean wasProvider, Entry successor) {
    }

    // Per type: the provider first, then the refused ones in the order they came.
    private final Map<String, List<Entry>> byType = new TreeMap<>();

    /**
     * Registers a driver.
     *
     * @return null if it now provides its type, else the entry that already provides it
     */
    synchronized Entry add(Entry entry) {
        List<Entry> entries = byType.computeIfAbsent(entry.type(), t -> new ArrayList<>());
        entries.add(entry);
        return entries.size() == 1 ? null : entries.get(0);
    }

    /** Removes a driver service; null if it was never registered (its metadata could not be read). */
    synchronized Removal remove(Object driver) {
        for (Map.Entry<String, List<Entry>> e : byType.entrySet()) {
            List<Entry> entries = e.getValue();
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).driver() == driver) {
                    Entry removed = entries.remove(i);
                    boolean wasProvider = i == 0;
                    Entry successor = entries.isEmpty() ? null : entries.get(0);
                    if (entries.isEmpty()) {
                        byType.remove(e.getKey());
                    }
                    return new Removal(removed, wasProvider, wasProvider ? successor : null);
                }
            }
        }
        return null;
    }

    /** The driver that provides {@code type}, or null. */
    synchronized Entry provider(String type) {
        List<Entry> entries = byType.get(type);
        return entries == null ? null : entries.get(0);
    }

    /** One metadata per type, its provider's, ordered by type id. */
    synchronized List<SensorTypeInfo> types() {
        return byType.values().stream().map(l -> l.get(0).info()).toList();
    }

    /** Why other drivers for {@code type} are not used, or null if none was refused. */
    synchronized String conflict(String type) {
        List<Entry> entries = byType.get(type);
        if (entries == null || entries.size() < 2) {
            return null;
        }
        return entries.subList(1, entries.size()).stream().map(Entry::bundle).collect(Collectors.joining(", ",
                "Refused another driver for " + type + " from ", ": " + entries.get(0).bundle()
                        + " already provides it"));
    }
}
