package org.securitycam.presence.wifi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.securitycam.api.presence.NoAdapterException;
import org.securitycam.api.presence.PresenceException;
import org.securitycam.presence.tools.Tool;

class StationDumpTest {
    @Test
    void stationsAreReadUpperCase() throws PresenceException {
        String dump = """
                Station aa:bb:cc:dd:ee:01 (on ap0)
                	inactive time:	120 ms
                	rx bytes:	12345
                	signal:  	-48 dBm
                Station 11:22:33:44:55:66 (on ap0)
                	inactive time:	4000 ms
                """;
        assertEquals(List.of("AA:BB:CC:DD:EE:01", "11:22:33:44:55:66"),
                WifiSource.stations("ap0", new Tool.Result(0, dump, false)));
        assertEquals(List.of(), WifiSource.stations("ap0", new Tool.Result(0, "", false)));
    }

    @Test
    void aMissingInterfaceIsNoAdapterAndAnythingElseIsAFailure() {
        assertThrows(NoAdapterException.class, () -> WifiSource.stations("ap0",
                new Tool.Result(237, "command failed: No such device (-19)\n", false)));
        assertThrows(PresenceException.class, () -> WifiSource.stations("ap0", new Tool.Result(1, "boom\n", false)));
        assertThrows(PresenceException.class, () -> WifiSource.stations("ap0", new Tool.Result(0, "\u0001garbage\n", false)));
        assertThrows(PresenceException.class, () -> WifiSource.stations("ap0", new Tool.Result(-1, "", true)));
    }
}
