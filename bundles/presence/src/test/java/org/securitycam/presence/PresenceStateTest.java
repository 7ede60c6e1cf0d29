package org.securitycam.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.securitycam.api.presence.TrackedDevice;

class PresenceStateTest {
    private static final String BT = "bt";
    private static final String WIFI = "wifi";
    private static final String PHONE = "AA:BB:CC:DD:EE:01";
    private static final String TABLET = "AA:BB:CC:DD:EE:02";

    private final PresenceState state = new PresenceState(120_000);

    @Test
    void aBluetoothDeviceIsGoneOnlyAfterThreeMissedPollsInARow() {
        state.track(BT, List.of(TrackedDevice.of(PHONE, "Phone")));
        assertEquals(List.of(new PresenceState.Change(BT, TrackedDevice.of(PHONE, "Phone"), true)),
                state.poll(BT, Set.of(PHONE), 3));
        assertTrue(state.poll(BT, Set.of(), 3).isEmpty());
        assertTrue(state.poll(BT, Set.of(), 3).isEmpty());
        assertTrue(state.poll(BT, Set.of(PHONE), 3).isEmpty(), "seen again: the count starts over");
        assertTrue(state.poll(BT, Set.of(), 3).isEmpty());
        assertTrue(state.poll(BT, Set.of(), 3).isEmpty());
        assertTrue(state.online(BT).get(PHONE));
        List<PresenceState.Change> left = state.poll(BT, Set.of(), 3);
        assertEquals(1, left.size());
        assertFalse(left.get(0).online());
        assertFalse(state.online(BT).get(PHONE));
    }

    @Test
    void wifiPresenceFollowsTheStationListAtOnce() {
        state.track(WIFI, List.of(TrackedDevice.of(PHONE, null)));
        assertEquals(1, state.poll(WIFI, Set.of(PHONE), 1).size());
        assertEquals(1, state.poll(WIFI, Set.of(), 1).size());
        assertFalse(state.home());
    }

    @Test
    void someoneIsHomeIfAnyTrackedDeviceIsPresentAndNobodyWithNoneTracked() {
        assertFalse(state.home());
        state.poll(BT, Set.of(PHONE), 3);
        assertFalse(state.home(), "an untracked device does not count");
        state.track(BT, List.of(TrackedDevice.of(PHONE, null)));
        state.track(WIFI, List.of(TrackedDevice.of(TABLET, null)));
        state.poll(WIFI, Set.of(TABLET), 1);
        assertTrue(state.home());
        state.track(WIFI, List.of());
        assertFalse(state.home(), "untracking the present device");
    }

    @Test
    void losingTheLastSourceOfATransportDropsItsVotesAtOnce() {
        state.track(BT, List.of(TrackedDevice.of(PHONE, null)));
        state.poll(BT, Set.of(PHONE), 3);
        List<PresenceState.Change> gone = state.sourcesGone(BT);
        assertEquals(1, gone.size());
        assertFalse(state.home());
    }

    @Test
    void noticesAreThrottledPerDeviceAndAHeldBackChangeIsSentWhenItsTimeComesIfItStillHolds() {
        state.track(BT, List.of(TrackedDevice.of(PHONE, null), TrackedDevice.of(TABLET, null)));
        state.poll(BT, Set.of(PHONE), 1);
        assertEquals(List.of(PHONE), addresses(state.notices(0)), "the first change is sent at once");
        state.poll(BT, Set.of(), 1);
        assertTrue(state.notices(10_000).isEmpty(), "left 10 s later: held back");
        assertEquals(OptionalLong.of(120_000), state.nextNotice());
        state.poll(BT, Set.of(TABLET), 1);
        assertEquals(List.of(TABLET), addresses(state.notices(20_000)), "another device has its own quiet time");
        List<PresenceState.Change> due = state.notices(120_000);
        assertEquals(List.of(PHONE), addresses(due));
        assertFalse(due.get(0).online());

        state.poll(BT, Set.of(PHONE, TABLET), 1);
        state.poll(BT, Set.of(TABLET), 1);
        assertTrue(state.notices(130_000).isEmpty(), "arrived and left within the quiet time: nothing to say");
        assertTrue(state.notices(300_000).isEmpty(), "it still holds what was last said");
        assertTrue(state.nextNotice().isEmpty());
    }

    @Test
    void aNewlyTrackedDeviceStartsAbsentAndARenameKeepsItsState() {
        state.track(BT, List.of(TrackedDevice.of(PHONE, null)));
        state.poll(BT, Set.of(PHONE), 3);
        state.track(BT, List.of(TrackedDevice.of(PHONE, "Renamed"), TrackedDevice.of(TABLET, null)));
        assertEquals(List.of(PHONE, TABLET), state.addresses(BT));
        assertTrue(state.online(BT).get(PHONE));
        assertFalse(state.online(BT).get(TABLET));
    }

    private static List<String> addresses(List<PresenceState.Change> changes) {
        return changes.stream().map(c -> c.device().address()).toList();
    }
}
