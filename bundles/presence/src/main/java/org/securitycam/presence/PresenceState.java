package org.securitycam.presence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import org.securitycam.api.presence.TrackedDevice;

/**
 * What the device believes about each tracked device, free of threads and clocks: a device seen by a poll is
 * present at once; one that was present counts as gone only after its transport's number of missed polls in a row.
 * Every change is reported; {@code presence_change} notices are throttled per device, and a change held back is
 * announced when the device's quiet time ends if it still holds. Not thread-safe: the presence service guards it.
 */
final class PresenceState {
    /** A device's presence changed: it arrived ({@code online}) or left. */
    record Change(String transport, TrackedDevice device, boolean online) {
    }

    private static final class Entry {
        TrackedDevice device;
        boolean online;
        int misses;
        /** The last notice sent: its time and what it said; nothing sent yet means "not present". */
        boolean noticed;
        long noticedAt;
        boolean noticedOnline;

        Entry(TrackedDevice device) {
            this.device = device;
        }
    }

    private final Map<String, Map<String, Entry>> devices = new LinkedHashMap<>();
    private long throttleMillis;

    PresenceState(long throttleMillis) {
        this.throttleMillis = throttleMillis;
    }

    void throttleMillis(long millis) {
        this.throttleMillis = millis;
    }

    /** Takes a transport's tracked list as it is now: new devices start as not present, untracked ones are forgotten. */
    void track(String transport, List<TrackedDevice> tracked) {
        Map<String, Entry> old = devices.getOrDefault(transport, Map.of());
        Map<String, Entry> next = new LinkedHashMap<>();
        for (TrackedDevice d : tracked) {
            Entry e = old.get(d.address());
            if (e == null) {
                e = new Entry(d);
            }
            e.device = d;
            next.put(d.address(), e);
        }
        devices.put(transport, next);
    }

    /** The tracked addresses of a transport, in order. */
    List<String> addresses(String transport) {
        return List.copyOf(devices.getOrDefault(transport, Map.of()).keySet());
    }

    /**
     * One poll's answer for a transport.
     *
     * @param seen the addresses that some source of the transport saw; empty if it has no source left
     * @param missesBeforeGone polls in a row a present device must be missed to count as gone
     * @return the devices whose presence changed
     */
    List<Change> poll(String transport, Set<String> seen, int missesBeforeGone) {
        List<Change> changes = new ArrayList<>();
        for (Entry e : devices.getOrDefault(transport, Map.of()).values()) {
            if (seen.contains(e.device.address())) {
                e.misses = 0;
                if (!e.online) {
                    e.online = true;
                    changes.add(new Change(transport, e.device, true));
                }
            } else if (e.online && ++e.misses >= Math.max(1, missesBeforeGone)) {
                e.online = false;
                e.misses = 0;
                changes.add(new Change(transport, e.device, false));
            }
        }
        return changes;
    }

    /** A transport lost its last source: its devices are gone at once, since nothing votes for them any more. */
    List<Change> sourcesGone(String transport) {
        return poll(transport, Set.of(), 1);
    }

    /** The {@code presence_change} notices due at {@code now}: a device whose presence differs from its last notice, once its quiet time has passed. */
    List<Change> notices(long now) {
        List<Change> due = new ArrayList<>();
        devices.forEach((transport, entries) -> entries.values().forEach(e -> {
            if (e.online != (e.noticed && e.noticedOnline) && (!e.noticed || now - e.noticedAt >= throttleMillis)) {
                e.noticed = true;
                e.noticedAt = now;
                e.noticedOnline = e.online;
                due.add(new Change(transport, e.device, e.online));
            }
        }));
        return due;
    }

    /** When the next held-back notice falls due, if one is held back. */
    OptionalLong nextNotice() {
        long next = Long.MAX_VALUE;
        for (Map<String, Entry> entries : devices.values()) {
            for (Entry e : entries.values()) {
                if (e.noticed && e.online != e.noticedOnline) {
                    next = Math.min(next, e.noticedAt + throttleMillis);
                }
            }
        }
        return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
    }

    /** Someone is home if any tracked device is present; with none tracked, nobody is. */
    boolean home() {
        return devices.values().stream().flatMap(m -> m.values().stream()).anyMatch(e -> e.online);
    }

    /** Each tracked device of a transport and whether it is present, in order. */
    Map<String, Boolean> online(String transport) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        devices.getOrDefault(transport, Map.of()).forEach((a, e) -> out.put(a, e.online));
        return out;
    }
}
