package org.securitycam.gpio.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.securitycam.api.gpio.DigitalInput;
import org.securitycam.api.gpio.GpioException;
import org.securitycam.api.gpio.Pull;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;

/** The pi4j adapter on pi4j's own mock provider: edges, shared lines, release of the pin. */
class Pi4jBoardTest {
    private Context pi4j;
    private Pi4jBoard board;

    @BeforeEach
    void setUp() {
        pi4j = Pi4J.newContextBuilder().add(MockDigitalInputProvider.newInstance()).build();
        board = new Pi4jBoard(pi4j, MockDigitalInputProvider.ID);
    }

    @AfterEach
    void tearDown() {
        board.close();
        pi4j.shutdown();
    }

    private MockDigitalInput mock(int pin) {
        return (MockDigitalInput) pi4j.registry().get("securitycam-gpio" + pin);
    }

    @Test
    void edgesReachTheListenerAndSharedReadsSeeTheSameLine() throws Exception {
        List<Boolean> edges = new CopyOnWriteArrayList<>();
        DigitalInput in = board.openInput(22, Pull.UP, 0, edges::add);
        mock(22).mockState(DigitalState.HIGH);
        mock(22).mockState(DigitalState.LOW);
        assertEquals(List.of(true, false), edges);
        mock(22).mockState(DigitalState.HIGH);
        assertTrue(board.read(22), "a raw read of an open pin reads the shared line");
        assertTrue(in.high());
        DigitalInput second = board.openInput(22, Pull.UP, 0, e -> { });
        second.close();
        mock(22).mockState(DigitalState.LOW);
        assertEquals(List.of(true, false, true, false), edges, "closing one user keeps the line for the other");
        in.close();
        assertFalse(pi4j.registry().exists("securitycam-gpio22"), "the last close releases the pin");
    }

    @Test
    void aClosedInputHearsNothing() throws Exception {
        List<Boolean> edges = new CopyOnWriteArrayList<>();
        DigitalInput in = board.openInput(5, Pull.DOWN, 10, edges::add);
        MockDigitalInput line = mock(5);
        in.close();
        line.mockState(DigitalState.HIGH);
        assertTrue(edges.isEmpty());
    }

    @Test
    void pinsOutsideTheHeaderAreRefused() {
        assertThrows(GpioException.class, () -> board.openInput(28, Pull.NONE, 0, e -> { }));
        assertThrows(GpioException.class, () -> board.read(-1));
    }

    @Test
    void aHostWithoutAGpioChipIsRecognised(@TempDir Path dev) throws Exception {
        assertFalse(Pi4jGpio.hasGpioChip(dev));
        Files.createFile(dev.resolve("gpiochip0"));
        assertTrue(Pi4jGpio.hasGpioChip(dev));
    }
}
