package org.securitycam.system;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A persisted history of time-stamped JSON entries (each with an {@code iso} {@code "ts"}), capped by count and
 * optionally by age: the newest entries in memory for reading, and a {@link HistoryFile} that only grows by
 * appends until it holds twice the cap, when it is rewritten with the kept entries on the background executor
 * while appends go on. Appends are forced to the disk within a few seconds, on the same executor.
 */
final class History implements AutoCloseable {
    static final Duration SYNC_DELAY = Duration.ofSeconds(2);
    /** How long a reader waits for the file to be loaded at start. */
    static final Duration LOAD_WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(History.class);

    /** One entry: its time and its JSON object. */
    record Item(Instant ts, Map<String, Object> json) {
    }

    private final HistoryFile file;
    private final int capacity;
    private final Duration maxAge;
    private final ScheduledExecutorService background;
    private final Deque<Item> items = new ArrayDeque<>();
    private final CountDownLatch loaded = new CountDownLatch(1);
    private boolean opened;
    private boolean compacting;
    /** Appends since the file was opened, so that a rewrite knows which came after its snapshot. */
    private long appended;
    private volatile boolean syncDue;

    /**
     * @param maxAge entries older than this are dropped; null keeps them until the cap pushes them out
     * @param background runs the rewrites and syncs, so an append never waits for the disk
     */
    History(HistoryFile file, int capacity, Duration maxAge, ScheduledExecutorService background) {
        this.file = file;
        this.capacity = capacity;
        this.maxAge = maxAge;
        this.background = background;
    }

    /**
     * Loads what the file holds (what does not fit the caps is dropped, and the file rewritten without it), then
     * writes what was added meanwhile. Until it is done, entries that are added wait in memory and readers wait
     * for it (a few seconds at most), so it may run in the background while the device starts.
     */
    void open(Instant now) throws IOException {
        try {
            List<Map<String, Object>> stored = file.load();
            synchronized (this) {
                Deque<Item> added = new ArrayDeque<>(items);
                items.clear();
                for (Map<String, Object> json : stored) {
                    Instant ts = Times.parse(json.get("ts"));
                    if (ts != null) {
                        items.addLast(new Item(ts, json));
                    }
                }
                items.addAll(added);
                trim(now);
                if (file.lines() + added.size() > items.size()) {
                    file.rewrite(jsonOf(items));
                } else {
                    for (Item i : added) {
                        file.append(i.json());
                    }
                }
            }
        } finally {
            synchronized (this) {
                opened = true;
            }
            loaded.countDown();
        }
    }

    /** Adds an entry stamped {@code ts}. */
    synchronized void add(Instant ts, Map<String, Object> json) throws IOException {
        items.addLast(new Item(ts, json));
        trim(ts);
        if (!opened) {
            return;
        }
        file.append(json);
        appended++;
        if (file.lines() >= 2 * capacity && !compacting) {
            compacting = true;
            background.execute(this::compact);
        }
        if (!syncDue) {
            syncDue = true;
            background.schedule(this::sync, SYNC_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The entries stamped at or after {@code from}, oldest first. */
    List<Item> since(Instant from) {
        awaitLoaded();
        synchronized (this) {
            List<Item> out = new ArrayList<>();
            for (Item i : items) {
                if (!i.ts().isBefore(from)) {
                    out.add(i);
                }
            }
            return out;
        }
    }

    private void awaitLoaded() {
        try {
            loaded.await(LOAD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The newest entry's time, or null. */
    Instant newest() {
        awaitLoaded();
        synchronized (this) {
            return items.isEmpty() ? null : items.getLast().ts();
        }
    }

    int size() {
        awaitLoaded();
        synchronized (this) {
            return items.size();
        }
    }

    private void trim(Instant now) {
        while (items.size() > capacity) {
            items.removeFirst();
        }
        if (maxAge != null) {
            Instant oldest = now.minus(maxAge);
            while (!items.isEmpty() && items.getFirst().ts().isBefore(oldest)) {
                items.removeFirst();
            }
        }
    }

    /** Rewrites the file with the kept entries; appends go on while the bulk of it is written. */
    private void compact() {
        List<Map<String, Object>> snapshot;
        long mark;
        synchronized (this) {
            snapshot = jsonOf(items);
            mark = appended;
        }
        try {
            Path tmp = file.writeTemp(snapshot);
            synchronized (this) {
                int since = (int) Math.min(appended - mark, items.size());
                List<Map<String, Object>> newer = new ArrayList<>(since);
                items.stream().skip(items.size() - since).forEach(i -> newer.add(i.json()));
                file.replace(tmp, newer, snapshot.size() + since);
            }
        } catch (IOException e) {
            LOG.error("Could not rewrite {}: {}", file.path(), e.getMessage());
        } finally {
            synchronized (this) {
                compacting = false;
            }
        }
    }

    private void sync() {
        syncDue = false;
        try {
            file.sync();
        } catch (IOException e) {
            LOG.warn("Could not sync {}: {}", file.path(), e.getMessage());
        }
    }

    private static List<Map<String, Object>> jsonOf(Deque<Item> items) {
        List<Map<String, Object>> out = new ArrayList<>(items.size());
        items.forEach(i -> out.add(i.json()));
        return out;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
