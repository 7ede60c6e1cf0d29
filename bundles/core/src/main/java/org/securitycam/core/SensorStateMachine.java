package org.securitycam.core;

/**
 * The sensor's decisions, free of threads and clocks: a trigger starts a sensor recording unless the owner is home
 * or a manual recording runs; a release lets it go on for the hold time, and a new trigger within it keeps the same
 * recording; a sensor that stops watching while triggered counts as a release. Not thread-safe: the manager calls
 * it from its one event thread.
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

    /**
     * The sensor stopped watching on its own (its driver went away or reported a fault): a trigger it still held
     * counts as a release, so the recording goes on for the hold time and then stops.
     */
    void sensorLost() {
        if (triggered) {
            release();
        }
    }

    /** The sensor was stopped on purpose (disabled, reconfigured, shut down): nothing stays triggered or recording. */
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
