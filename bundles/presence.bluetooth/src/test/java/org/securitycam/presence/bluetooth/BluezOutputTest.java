package org.securitycam.presence.bluetooth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.securitycam.api.presence.PresenceException;
import org.securitycam.api.presence.TrackedDevice;
import org.securitycam.presence.tools.Tool;

class BluezOutputTest {
    @Test
    void aControllerIsListedOrNot() {
        assertTrue(BluezOutput.hasController("Controller B8:27:EB:12:34:56 raspberrypi [default]\n"));
        assertFalse(BluezOutput.hasController(""));
        assertFalse(BluezOutput.hasController("No default controller available\n"));
    }

    @Test
    void devicesAreListedOnceWithNamedOnesFirst() {
        List<TrackedDevice> d = BluezOutput.devices("""
                Device 4C:11:22:33:44:55 4C-11-22-33-44-55
                Device aa:bb:cc:dd:ee:ff Pixel 7
                [NEW] Device 10:20:30:40:50:60 Watch
                Device AA:BB:CC:DD:EE:FF Pixel 7
                garbage line
                Device 4C:11:22:33:44:56
                """);
        assertEquals(List.of(TrackedDevice.of("AA:BB:CC:DD:EE:FF", "Pixel 7"), TrackedDevice.of("10:20:30:40:50:60", "Watch"),
                TrackedDevice.of("4C:11:22:33:44:55", null), TrackedDevice.of("4C:11:22:33:44:56", null)), d);
    }

    @Test
    void aWatchedBluetoothctlSaysWhoPairedAndWhoAppeared() {
        assertEquals("AA:BB:CC:DD:EE:FF", BluezOutput.paired("[CHG] Device aa:bb:cc:dd:ee:ff Paired: yes"));
        assertEquals("AA:BB:CC:DD:EE:FF", BluezOutput.paired("[CHG] Device AA:BB:CC:DD:EE:FF Bonded: yes"));
        assertNull(BluezOutput.paired("[CHG] Device AA:BB:CC:DD:EE:FF Paired: no"));
        assertEquals(TrackedDevice.of("AA:BB:CC:DD:EE:FF", "Phone"), BluezOutput.announced("[NEW] Device AA:BB:CC:DD:EE:FF Phone"));
        assertNull(BluezOutput.announced("[DEL] Device AA:BB:CC:DD:EE:FF Phone"));
        assertEquals("Phone", BluezOutput.infoName("AA:BB:CC:DD:EE:FF", "Device AA:BB:CC:DD:EE:FF (public)\n\tName: Phone\n\tAlias: Phone\n"));
        assertTrue(BluezOutput.asksYesNo("[agent] Accept pairing (yes/no): "));
    }

    @Test
    void aNameRequestAnswersWithOneLineOrNothing() throws PresenceException {
        assertTrue(BluezOutput.nameAnswered(new Tool.Result(0, "Pixel 7\n", false)));
        assertFalse(BluezOutput.nameAnswered(new Tool.Result(0, "", false)));
        assertFalse(BluezOutput.nameAnswered(new Tool.Result(-1, "", true)), "no answer in time: not near");
        assertThrows(PresenceException.class, () -> BluezOutput.nameAnswered(new Tool.Result(1, "Device is not available.\n", false)));
        assertThrows(PresenceException.class, () -> BluezOutput.nameAnswered(new Tool.Result(0, "\u0001\u0002\u0003zz", false)));
        assertThrows(PresenceException.class, () -> BluezOutput.nameAnswered(new Tool.Result(0, "one\ntwo\nthree\n", false)));
    }

    @Test
    void anEchoAnswersOrTheDeviceIsDown() throws PresenceException {
        assertTrue(BluezOutput.echoAnswered(new Tool.Result(0, """
                Ping: AA:BB:CC:DD:EE:FF from B8:27:EB:12:34:56 (data size 44) ...
                44 bytes from AA:BB:CC:DD:EE:FF id 0 time 9.71ms
                1 sent, 1 received, 0% loss
                """, false)));
        assertFalse(BluezOutput.echoAnswered(new Tool.Result(1, "Can't connect: Host is down\n", false)));
        assertFalse(BluezOutput.echoAnswered(new Tool.Result(1, "no response from AA:BB:CC:DD:EE:FF: id 0\n1 sent, 0 received, 100% loss\n", false)));
        assertThrows(PresenceException.class, () -> BluezOutput.echoAnswered(new Tool.Result(1, "Can't create socket: Operation not permitted\n", false)));
        assertThrows(PresenceException.class, () -> BluezOutput.echoAnswered(new Tool.Result(0, "zzz\n", false)));
    }
}
