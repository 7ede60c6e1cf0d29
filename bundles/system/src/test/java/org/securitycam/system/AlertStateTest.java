package org.securitycam.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.securitycam.api.media.DiskUsage;

class AlertStateTest {
    @Test
    void thresholds() {
        assertEquals(Level.OK, AlertRules.cpuTemp(64.9));
        assertEquals(Level.WARN, AlertRules.cpuTemp(65.0));
        assertEquals(Level.WARN, AlertRules.cpuTemp(79.9));
        assertEquals(Level.CRITICAL, AlertRules.cpuTemp(80.0));
        assertEquals(Level.OK, AlertRules.cpuTemp(null));
        assertEquals(Level.OK, AlertRules.storage(84.99));
        assertEquals(Level.WARN, AlertRules.storage(85.0));
        assertEquals(Level.CRITICAL, AlertRules.storage(95.0));
        assertEquals(Level.OK, AlertRules.sdHealth(0x02));
        assertEquals(Level.WARN, AlertRules.sdHealth(0x03));
        assertEquals(Level.WARN, AlertRules.sdHealth(0x0A));
        assertEquals(Level.CRITICAL, AlertRules.sdHealth(0x0B));
        assertEquals(Level.OK, AlertRules.throttle(null));
        assertEquals(Level.OK, AlertRules.throttle(new Throttle(0x50000)));
        assertEquals(Level.CRITICAL, AlertRules.throttle(new Throttle(0x4)));
    }

    @Test
    void levelsOfReadingsAndOverall() {
        Instant now = Instant.now();
        Health h = Health.initial().withCpuTemp(Reading.of(70.0, now))
                .withStorage(Reading.of(DiskUsage.of(100, 4), now))
                .withSd(Reading.of(new Health.SdHealth("mmcblk0", "0x01 0x02", 1), now));
        Map<Metric, Level> levels = AlertRules.levels(h);
        assertEquals(Level.WARN, levels.get(Metric.CPU_TEMP));
        assertEquals(Level.CRITICAL, levels.get(Metric.STORAGE));
        assertEquals(Level.OK, levels.get(Metric.SD_HEALTH));
        assertEquals(Level.OK, levels.get(Metric.THROTTLE), "unavailable is ok");
        assertEquals(Level.CRITICAL, AlertRules.overall(levels));
    }

    @Test
    void onlyChangesAreTransitions() {
        AlertState state = new AlertState();
        assertTrue(state.update(levels(Level.OK, Level.OK)).isEmpty(), "everything starts ok");
        List<AlertState.Transition> up = state.update(levels(Level.WARN, Level.OK));
        assertEquals(List.of(new AlertState.Transition(Metric.CPU_TEMP, Level.OK, Level.WARN)), up);
        assertTrue(state.update(levels(Level.WARN, Level.OK)).isEmpty(), "the same level again is no transition");
        List<AlertState.Transition> both = state.update(levels(Level.CRITICAL, Level.CRITICAL));
        assertEquals(List.of(new AlertState.Transition(Metric.CPU_TEMP, Level.WARN, Level.CRITICAL),
                new AlertState.Transition(Metric.THROTTLE, Level.OK, Level.CRITICAL)), both);
        assertEquals(Level.CRITICAL, state.levels().get(Metric.THROTTLE));
        assertEquals(List.of(new AlertState.Transition(Metric.CPU_TEMP, Level.CRITICAL, Level.OK),
                new AlertState.Transition(Metric.THROTTLE, Level.CRITICAL, Level.OK)),
                state.update(levels(Level.OK, Level.OK)));
    }

    @Test
    void aSourceThatOverrunsKeepsItsValueAndSaysSinceWhen() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Reading<Throttle> good = Reading.of(new Throttle(0), t0);
        Reading<Throttle> late = good.overran("vcgencmd did not answer", t0.plusSeconds(10));
        assertEquals(good.value(), late.value());
        assertEquals(t0, late.staleSince(t0.plusSeconds(11), Duration.ofSeconds(15)));
        Reading<Throttle> later = late.overran("again", t0.plusSeconds(20));
        assertEquals(t0, later.staleSince(t0.plusSeconds(21), Duration.ofSeconds(15)), "stale since the first");
        Reading<Throttle> never = Reading.<Throttle>notYet().overran("hangs", t0.plusSeconds(5));
        assertEquals(t0.plusSeconds(5), never.staleSince(t0.plusSeconds(6), Duration.ofSeconds(15)));
        assertEquals(null, good.staleSince(t0.plusSeconds(5), Duration.ofSeconds(15)), "fresh");
        assertEquals(t0, good.staleSince(t0.plusSeconds(16), Duration.ofSeconds(15)), "its sampler is stuck");
    }

    private static Map<Metric, Level> levels(Level temp, Level throttle) {
        Map<Metric, Level> m = new EnumMap<>(Metric.class);
        m.put(Metric.CPU_TEMP, temp);
        m.put(Metric.THROTTLE, throttle);
        m.put(Metric.STORAGE, Level.OK);
        m.put(Metric.SD_HEALTH, Level.OK);
        return m;
    }
}
