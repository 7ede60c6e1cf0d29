package org.securitycam.core;

/**
 * The sensor's decisions, free of threads and clocks: trigger, release, hold timer and presence suppression
 * (spec §1 "Semantics"). Not thread-safe: the manager calls it from its one event thread.
 */
final class SensorStateMachine {
    /** What the machine needs from the world: the camera and a timer. */
    interface Effects {
        /** @return true if a sensor recording now runs */
        boolean startRecording();

        void stopRecording();

        boolean manualRecordingRunning();

        Cancellable schedule(Runnable task, long delayMillis);
    }

    interface Cancellable {
        void cancel();
    }

    private final Effects effects;
    private boolean triggered;
    private boolean suppressed;
    private boolean ownerHome;
    private boolean recordingFromSensor;
    private double holdSeconds;
    private Cancellable holdTimer;

    SensorStateMachine(Effects effects) {
        this.effects = effects;
    }

    void holdSeconds(double seconds) {
        this.holdSeconds = seconds;
    }

    void trigger() {
        triggered = true;
        cancelHold();
        if (ownerHome) {
            suppressed = true;
            return;
        }
        if (!recordingFromSensor && !effects.manualRecordingRunning()) {
            recordingFromSensor = effects.startRecording();
        }
    }

    void release() {
        triggered = false;
        suppressed = false;
        if (!recordingFromSensor) {
            return;
        }
        cancelHold();
        if (holdSeconds <= 0) {
            stopRecording();
        } else {
            holdTimer = effects.schedule(this::holdExpired, Math.round(holdSeconds * 1000));
        }
    }

    /** The sensor stopped watching (disabled, reconfigured, driver gone): nothing stays triggered or recording. */
    void reset() {
        triggered = false;
        suppressed = false;
        cancelHold();
        if (recordingFromSensor) {
            stopRecording();
        }
    }

    void ownerHome(boolean home) {
        this.ownerHome = home;
    }

    /** The camera ended the recording by itself (crash, shutdown). */
    void recordingEnded() {
        recordingFromSensor = false;
        cancelHold();
    }

    boolean triggered() {
        return triggered;
    }

    boolean suppressed() {
        return suppressed;
    }

    boolean recordingFromSensor() {
        return recordingFromSensor;
    }

    private void holdExpired() {
        holdTimer = null;
        if (!triggered && recordingFromSensor) {
            stopRecording();
        }
    }

    private void stopRecording() {
        recordingFromSensor = false;
        effects.stopRecording();
    }

    private void cancelHold() {
        if (holdTimer != null) {
            holdTimer.cancel();
            holdTimer = null;
        }
    }
}
