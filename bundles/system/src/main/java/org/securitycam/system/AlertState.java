package org.securitycam.system;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The alert level of every metric, as last evaluated, and what changed at each evaluation. Every metric starts
 * at {@link Level#OK}, so a device that starts hot reports its first evaluation as a transition.
 */
final class AlertState {
    /** One metric moving from one level to another. */
    record Transition(Metric metric, Level from, Level to) {
    }

    private final Map<Metric, Level> levels = new EnumMap<>(Metric.class);

    AlertState() {
        for (Metric m : Metric.values()) {
            levels.put(m, Level.OK);
        }
    }

    /** Takes the newly evaluated levels and returns the metrics whose level changed, in metric order. */
    synchronized List<Transition> update(Map<Metric, Level> next) {
        List<Transition> out = new ArrayList<>();
        for (Metric m : Metric.values()) {
            Level to = next.getOrDefault(m, Level.OK);
            Level from = levels.put(m, to);
            if (from != to) {
                out.add(new Transition(m, from, to));
            }
        }
        return out;
    }

    synchronized Map<Metric, Level> levels() {
        return new EnumMap<>(levels);
    }
}
