package org.securitycam.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LiveViewConfigTest {
    @Test
    void onlyAnHttpOrHttpsUrlReachesThePage() {
        assertEquals("http://192.168.1.20:8889/cam/whep", LiveViewConfig.checked(" http://192.168.1.20:8889/cam/whep "));
        assertEquals("https://cam.local/cam/whep", LiveViewConfig.checked("https://cam.local/cam/whep"));
        assertNull(LiveViewConfig.checked(""));
        assertNull(LiveViewConfig.checked(null));
        assertNull(LiveViewConfig.checked("javascript:alert(1)"));
        assertNull(LiveViewConfig.checked("file:///etc/passwd"));
        assertNull(LiveViewConfig.checked("http://"));
        assertNull(LiveViewConfig.checked("not a url"));
    }
}
