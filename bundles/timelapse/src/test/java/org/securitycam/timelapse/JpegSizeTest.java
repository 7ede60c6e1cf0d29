package org.securitycam.timelapse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class JpegSizeTest {
    @Test
    void theSizeOfARealFrameAndItsEvenSides() throws Exception {
        TestPattern camera = new TestPattern();
        assertEquals(new JpegSize(640, 480), JpegSize.of(camera.grab(0, 0, false)));
        assertEquals(new JpegSize(320, 240), JpegSize.of(camera.grab(320, 240, false)));
        assertEquals(new JpegSize(320, 240), new JpegSize(321, 241).even());
    }

    @Test
    void noJpegHasNoSize() throws Exception {
        assertNull(JpegSize.of(new byte[0]));
        assertNull(JpegSize.of("{\"Sensor\":1}".getBytes()));
        byte[] frame = new TestPattern().grab(320, 240, false);
        assertNull(JpegSize.of(Arrays.copyOf(frame, 30)), "cut before its frame header");
    }
}
