package org.securitycam.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.securitycam.web.ReplayRing.Frame;

class ReplayRingTest {
    private static List<String> names(List<Frame> frames) {
        return frames.stream().map(f -> f.name() + ":" + f.data()).toList();
    }

    @Test
    void replaysWhatCameAfterTheIdTheClientSaw() {
        ReplayRing ring = new ReplayRing(3, Set.of());
        for (int i = 1; i <= 5; i++) {
            assertEquals(i, ring.add("sensor_state", "" + i).id());
        }
        assertEquals(List.of("sensor_state:4", "sensor_state:5"), names(ring.after(3)));
        assertEquals(List.of("sensor_state:3", "sensor_state:4", "sensor_state:5"), names(ring.after(0)),
                "the oldest beyond the size are gone");
        assertTrue(ring.after(5).isEmpty());
        assertTrue(ring.after(-1).isEmpty(), "a client with no id to resume from gets no replay");
    }

    @Test
    void aWholePictureOfAStateKeepsOnlyItsNewestAndPushesNothingOut() {
        ReplayRing ring = new ReplayRing(4, Set.of("system_info"));
        ring.add("sensor_state", "triggered");
        for (int i = 0; i < 100; i++) {
            ring.add("system_info", "" + i);
        }
        ring.add("sensor_state", "released");
        ring.add("system_info", "last");
        assertEquals(List.of("sensor_state:triggered", "sensor_state:released", "system_info:last"),
                names(ring.after(0)));
        List<Long> ids = ring.after(0).stream().map(Frame::id).toList();
        assertEquals(ids.stream().sorted().toList(), ids, "in the order they came");
    }
}
