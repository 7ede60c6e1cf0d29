package org.securitycam.presence.tools;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.securitycam.api.presence.TrackedDevice;
import org.securitycam.web.JsonBody;

/**
 * The request and response shapes the presence routes share: a device as {@code {"address", "name"}} with a null
 * name when it has none, and the bodies of the add and remove routes.
 */
public final class DeviceJson {
    private DeviceJson() {
    }

    /** A device for a response: both fields, the name null if it has none. */
    public static Map<String, Object> of(TrackedDevice d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", d.address());
        m.put("name", d.name());
        return m;
    }

    /**
     * The body of an add route: {@code {"address", "name"?}}, nothing else.
     *
     * @throws org.securitycam.api.settings.InvalidSettingsException naming the field
     */
    public static TrackedDevice addBody(Map<String, Object> body) {
        return TrackedDevice.fromJson(JsonBody.required(body));
    }

    /**
     * The address of a remove route's body {@code {"address"}}, upper case.
     *
     * @throws org.securitycam.api.settings.InvalidSettingsException naming the field
     */
    public static String removeBody(Map<String, Object> body) {
        JsonBody.object(body, Set.of("address"));
        return TrackedDevice.address(JsonBody.string(body, "address"));
    }
}
