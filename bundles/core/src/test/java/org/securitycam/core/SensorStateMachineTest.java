package org.securitycam.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sensor's recording decisions, with a hand-driven clock so nothing sleeps. */
class SensorStateMachineTest {
    /** The camera and the clock at the edge of the machine: a camera that records unless told it cannot. */
    private static final class World implements SensorStateMachine.Effects {
        boolean cameraWorks = true;
        boolean manual;
        int starts;
        int stops;
        long now;
        final List<long[]> timerDue = new ArrayList<>();
        final List<Runnable> timerTasks = new ArrayList<>();

        @Override
        public boolean startRecording() {
            starts++;
            return cameraWorks;
        }

        @Override
        public void stopRecording() {
            stops++;
        }

        @Override
        public boolean manualRecordingRunning() {
            return manual;
        }

        @Override
        public SensorStateMachine.Cancellable schedule(Runnable task, long delayMillis) {
            long[] due = { now + delayMillis };
            timerDue.add(due);
            timerTasks.add(task);
            return () -> due[0] = Long.MAX_VALUE;
        }

        void advance(long millis) {
            now += millis;
            for (int i = 0; i < timerDue.size(); i++) {
                if (timerDue.get(i)[0] <= now) {
                    timerDue.get(i)[0] = Long.MAX_VALUE;
                    timerTasks.get(i).run();
                }
            }
        }
    }

    private World world;
    private SensorStateMachine machine;

    @BeforeEach
    void setUp() {
        world = new World();
        machine = new SensorStateMachine(world);
        machine.holdSeconds(10);
    }

    @Test
    void triggerRecordsAndReleaseStopsAfterTheHold() {
        machine.trigger();
        assertTrue(machine.triggered());
        assertTrue(machine.recordingFromSensor());
        machine.release();
        assertFalse(machine.triggered());
        world.advance(9_999);
        assertTrue(machine.recordingFromSensor(), "still within hold_seconds");
        assertEquals(0, world.stops);
        world.advance(1);
        assertFalse(machine.recordingFromSensor());
        assertEquals(1, world.stops);
    }

    @Test
    void aNewTriggerDuringTheHoldKeepsTheSameRecording() {
        machine.trigger();
        machine.release();
        world.advance(5_000);
        machine.trigger();
        world.advance(60_000);
        assertTrue(machine.recordingFromSensor());
        assertEquals(1, world.starts, "one recording, not two");
        assertEquals(0, world.stops);
        machine.release();
        world.advance(10_000);
        assertEquals(1, world.stops);
    }

    @Test
    void holdZeroStopsAtOnce() {
        machine.holdSeconds(0);
        machine.trigger();
        machine.release();
        assertFalse(machine.recordingFromSensor());
        assertEquals(1, world.stops);
    }

    @Test
    void ownerHomeSuppressesAndReleaseClearsIt() {
        machine.ownerHome(true);
        machine.trigger();
        assertTrue(machine.suppressed());
        assertFalse(machine.recordingFromSensor());
        assertEquals(0, world.starts);
        machine.release();
        assertFalse(machine.suppressed());
    }

    @Test
    void aManualRecordingIsLeftAlone() {
        world.manual = true;
        machine.trigger();
        assertEquals(0, world.starts);
        assertFalse(machine.recordingFromSensor());
        machine.release();
        world.advance(20_000);
        assertEquals(0, world.stops, "the sensor never stops a recording it does not own");
    }

    @Test
    void aCameraThatCannotRecordLeavesRecordingFalse() {
        world.cameraWorks = false;
        machine.trigger();
        assertTrue(machine.triggered());
        assertFalse(machine.recordingFromSensor());
        machine.release();
        assertEquals(0, world.stops);
    }

    @Test
    void resetEndsEverythingSoNothingStaysTriggered() {
        machine.trigger();
        machine.reset();
        assertFalse(machine.triggered());
        assertFalse(machine.recordingFromSensor());
        assertEquals(1, world.stops);
        world.advance(60_000);
        assertEquals(1, world.stops);
    }

    @Test
    void aSensorLostWhileTriggeredCountsAsARelease() {
        machine.trigger();
        machine.sensorLost();
        assertFalse(machine.triggered());
        assertTrue(machine.recordingFromSensor(), "the recording goes on for the hold time");
        world.advance(9_999);
        assertEquals(0, world.stops);
        world.advance(1);
        assertFalse(machine.recordingFromSensor());
        assertEquals(1, world.stops);
    }

    @Test
    void aSensorLostAfterItsReleaseKeepsTheHoldThatRuns() {
        machine.trigger();
        machine.release();
        world.advance(6_000);
        machine.sensorLost();
        world.advance(3_999);
        assertTrue(machine.recordingFromSensor(), "the hold is not restarted");
        world.advance(1);
        assertEquals(1, world.stops);
    }

    @Test
    void aSensorLostWhileSuppressedRecordsNothing() {
        machine.ownerHome(true);
        machine.trigger();
        machine.sensorLost();
        assertFalse(machine.suppressed());
        assertFalse(machine.triggered());
        assertEquals(0, world.starts);
        assertEquals(0, world.stops);
    }

    @Test
    void aTriggerFromTheReturningDriverWithinTheHoldKeepsTheRecording() {
        machine.trigger();
        machine.sensorLost();
        world.advance(5_000);
        machine.trigger();
        world.advance(60_000);
        assertTrue(machine.recordingFromSensor());
        assertEquals(1, world.starts);
        assertEquals(0, world.stops);
    }
}
