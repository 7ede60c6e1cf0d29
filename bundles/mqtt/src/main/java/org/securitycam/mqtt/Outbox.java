package org.securitycam.mqtt;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What waits to be published, bounded whatever the broker does: each state keeps only its newest value, and events
 * beyond {@link #EVENT_CAP} drop the oldest (counted in {@link #dropped()}). Adding never blocks beyond a short lock,
 * so that the sensor's path can add from any thread; the connection's thread takes the items in the order they
 * came. The newest value of every state is kept, to publish them all again after each connect.
 */
final class Outbox {
    static final int EVENT_CAP = 100;
    /** The pseudo-state that asks for the discovery configs to be published (or removed, with discovery off). */
    static final String DISCOVERY = "discovery";

    /** One thing to publish: a state's newest value, an event, or the discovery request (no payload). */
    record Item(String name, byte[] payload, boolean event) {
    }

    /** Pending items: a state by its name, an event by its sequence number. */
    private final LinkedHashMap<Object, Item> pending = new LinkedHashMap<>();
    private final Map<String, byte[]> newest = new LinkedHashMap<>();
    private int events;
    private long sequence;
    private long dropped;

    /** A state's new value, which replaces any value of it not yet published; the same value again is no change. */
    synchronized void state(String name, byte[] payload) {
        if (Arrays.equals(newest.get(name), payload)) {
            return;
        }
        newest.put(name, payload);
        pending.remove(name);
        pending.put(name, new Item(name, payload, false));
        notifyAll();
    }

    /** An event; beyond the cap the oldest pending event is dropped. */
    synchronized void event(String name, byte[] payload) {
        pending.put(sequence++, new Item(name, payload, true));
        events++;
        if (events > EVENT_CAP) {
            for (Iterator<Item> i = pending.values().iterator(); i.hasNext();) {
                if (i.next().event()) {
                    i.remove();
                    events--;
                    dropped++;
                    break;
                }
            }
        }
        notifyAll();
    }

    /** Asks for the discovery configs, after any other pending item. */
    synchronized void discovery() {
        pending.remove(DISCOVERY);
        pending.put(DISCOVERY, new Item(DISCOVERY, null, false));
        notifyAll();
    }

    /** After a connect: the discovery configs, then every state's newest value, then what else is pending. */
    synchronized void resend() {
        LinkedHashMap<Object, Item> again = new LinkedHashMap<>();
        again.put(DISCOVERY, new Item(DISCOVERY, null, false));
        newest.forEach((name, payload) -> again.put(name, new Item(name, payload, false)));
        pending.forEach(again::putIfAbsent);
        pending.clear();
        pending.putAll(again);
        notifyAll();
    }

    /**
     * Puts back an item whose publishing failed, first in line, unless a newer value of the state came meanwhile;
     * an event counts against the cap again.
     */
    synchronized void putBack(Item item) {
        Object key = item.event() ? sequence++ : item.name();
        if (!item.event() && pending.containsKey(key)) {
            return;
        }
        LinkedHashMap<Object, Item> again = new LinkedHashMap<>();
        again.put(key, item);
        pending.forEach(again::putIfAbsent);
        pending.clear();
        pending.putAll(again);
        if (item.event() && ++events > EVENT_CAP) {
            // the item put back is the oldest: it goes
            pending.remove(key);
            events--;
            dropped++;
        }
    }

    /** The next item, waiting up to {@code timeout} for one; null if none came. */
    synchronized Item take(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (pending.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        Iterator<Item> i = pending.values().iterator();
        Item item = i.next();
        i.remove();
        if (item.event()) {
            events--;
        }
        return item;
    }

    /** How many items wait. */
    synchronized int size() {
        return pending.size();
    }

    /** How many events were dropped because the cap was reached. */
    synchronized long dropped() {
        return dropped;
    }
}
