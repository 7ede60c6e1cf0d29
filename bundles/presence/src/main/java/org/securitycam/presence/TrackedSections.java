package org.securitycam.presence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.securitycam.api.presence.PresenceSource;
import org.securitycam.api.presence.TrackedDevice;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.api.settings.SectionOwner;

/**
 * The rules of the tracked lists, {@code TARGET_BT_ADDRESSES} and {@code TARGET_AP_MAC_ADDRESSES}: each a JSON
 * array of {@code {"address", "name"?}}, empty by default. Addresses are stored upper case and each once (the first
 * spelling of a duplicate is kept). A component of its own, since the presence service writes these sections. In
 * the Web Console (configuration {@value #PID}) each list is one field holding its JSON text, since a form has no
 * notion of records.
 */
@Component(property = { SectionOwner.SECTIONS + "=" + TrackedSections.BLUETOOTH,
        SectionOwner.SECTIONS + "=" + TrackedSections.WIFI, SectionOwner.PID + "=" + TrackedSections.PID },
        configurationPid = TrackedSections.PID, configurationPolicy = ConfigurationPolicy.IGNORE)
@Designate(ocd = TrackedSections.Form.class)
public class TrackedSections implements SectionOwner {
    static final String BLUETOOTH = "TARGET_BT_ADDRESSES";
    static final String WIFI = "TARGET_AP_MAC_ADDRESSES";
    static final String PID = "securitycam.presence.tracked";

    @ObjectClassDefinition(name = "security-cam tracked devices", description = "The owner's phones and other "
            + "devices whose presence silences the alarm, as JSON: [{\"address\": \"AA:BB:CC:DD:EE:FF\", \"name\": \"...\"}]")
    @interface Form {
        @AttributeDefinition(name = "Bluetooth devices", description = "Asked directly by their address")
        String TARGET__BT__ADDRESSES() default "[]";

        @AttributeDefinition(name = "Wi-Fi devices", description = "Seen in the access point's station list")
        String TARGET__AP__MAC__ADDRESSES() default "[]";
    }

    /** The section that holds a transport's tracked list. */
    static String section(String transport) {
        return switch (transport) {
            case PresenceSource.BLUETOOTH -> BLUETOOTH;
            case PresenceSource.WIFI -> WIFI;
            default -> throw new InvalidSettingsException("Unknown transport: " + transport);
        };
    }

    /** A stored list as devices; anything malformed (only a hand-edited file has it) is left out. */
    static List<TrackedDevice> devices(Object stored) {
        List<TrackedDevice> out = new ArrayList<>();
        if (stored instanceof List<?> list) {
            for (Object entry : list) {
                try {
                    TrackedDevice d = TrackedDevice.fromJson(entry);
                    if (out.stream().noneMatch(o -> o.address().equals(d.address()))) {
                        out.add(d);
                    }
                } catch (InvalidSettingsException e) {
                    // not a device: the rules refuse it on the next write
                }
            }
        }
        return out;
    }

    @Override
    public Object defaults(String section) {
        return new ArrayList<>();
    }

    @Override
    public Object validate(String section, Object proposed) {
        if (!(proposed instanceof List<?> list)) {
            throw new InvalidSettingsException(section + " must be a JSON array of {\"address\", \"name\"}");
        }
        Map<String, TrackedDevice> unique = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            TrackedDevice d;
            try {
                d = TrackedDevice.fromJson(list.get(i));
            } catch (InvalidSettingsException e) {
                throw new InvalidSettingsException(section + "[" + i + "]: " + e.getMessage());
            }
            unique.putIfAbsent(d.address(), d);
        }
        List<Object> out = new ArrayList<>();
        unique.values().forEach(d -> out.add(d.toJson()));
        return out;
    }
}
