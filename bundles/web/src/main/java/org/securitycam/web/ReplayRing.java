package org.securitycam.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * The recent frames of the event stream, for a client that reconnects with the id of the last frame it saw: the
 * newest {@code size} frames, numbered from 1 in order. A frame whose name is one of {@code newestOnly} is a whole
 * picture of some state (the system's figures every few seconds), so only the newest of its name is kept: it never
 * pushes the frames a client could miss out of the ring.
 */
final class ReplayRing {
    /** One frame of the stream. */
    record Frame(long id, String name, String data) {
    }

    private final int size;
    private final Set<String> newestOnly;
    private final Deque<Frame> frames = new ArrayDeque<>();
    private long nextId = 1;

    ReplayRing(int size, Set<String> newestOnly) {
        this.size = size;
        this.newestOnly = Set.copyOf(newestOnly);
    }

    /** Numbers a new frame and keeps it. */
    synchronized Frame add(String name, String data) {
        Frame frame = new Frame(nextId++, name, data);
        if (newestOnly.contains(name)) {
            frames.removeIf(f -> f.name().equals(name));
        }
        frames.addLast(frame);
        if (frames.size() > size) {
            frames.removeFirst();
        }
        return frame;
    }

    /** The kept frames after {@code id}, in order; none for a negative id (a client that saw nothing to resume). */
    synchronized List<Frame> after(long id) {
        List<Frame> out = new ArrayList<>();
        if (id >= 0) {
            for (Frame f : frames) {
                if (f.id() > id) {
                    out.add(f);
                }
            }
        }
        return out;
    }
}
