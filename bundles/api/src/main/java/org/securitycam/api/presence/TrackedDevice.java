package org.securitycam.api.presence;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.securitycam.api.settings.InvalidSettingsException;

/**
 * A device whose presence counts: its address ({@code AA:BB:CC:DD:EE:FF}, always upper case, so that addresses
 * match case-insensitively) and an optional name. Its JSON shape, in the tracked lists of settings.json and in
 * request bodies alike, is {@code {"address", "name"?}}. Immutable.
 */
public final class TrackedDevice {
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-F]{2}(:[0-9A-F]{2}){5}");

    private final String address;
    private final String name;

    private TrackedDevice(String address, String name) {
        this.address = address;
        this.name = name;
    }

    /**
     * A device from an address in any case and an optional name (null for none).
     *
     * @throws InvalidSettingsException if the address is malformed
     */
    public static TrackedDevice of(String address, String name) {
        return new TrackedDevice(address(address), name);
    }

    /**
     * A device from its JSON shape: {@code address} required, {@code name} a string or absent (null counts as
     * absent), no other field.
     *
     * @throws InvalidSettingsException naming the field and the rule
     */
    public static TrackedDevice fromJson(Object json) {
        if (!(json instanceof Map<?, ?> m)) {
            throw new InvalidSettingsException("a device must be a JSON object {\"address\", \"name\"}");
        }
        for (Object key : m.keySet()) {
            if (!"address".equals(key) && !"name".equals(key)) {
                throw new InvalidSettingsException("Unknown field: " + key);
            }
        }
        if (!(m.get("address") instanceof String a)) {
            throw new InvalidSettingsException("address is required and must be a string");
        }
        Object name = m.get("name");
        if (name != null && !(name instanceof String)) {
            throw new InvalidSettingsException("name must be a string");
        }
        return of(a, (String) name);
    }

    /**
     * An address in its one spelling, upper case.
     *
     * @throws InvalidSettingsException if it is not six pairs of hex digits separated by colons
     */
    public static String address(String text) {
        String upper = text == null ? "" : text.toUpperCase(Locale.ROOT);
        if (!ADDRESS.matcher(upper).matches()) {
            throw new InvalidSettingsException("Malformed address: expected AA:BB:CC:DD:EE:FF");
        }
        return upper;
    }

    public String address() {
        return address;
    }

    /** The name, or null if it has none. */
    public String name() {
        return name;
    }

    /** The same device with another name (null for none). */
    public TrackedDevice withName(String newName) {
        return new TrackedDevice(address, newName);
    }

    /** Its JSON shape: {@code address}, and {@code name} if it has one. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", address);
        if (name != null) {
            m.put("name", name);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrackedDevice d && address.equals(d.address) && Objects.equals(name, d.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, name);
    }

    @Override
    public String toString() {
        return name == null ? address : address + " (" + name + ")";
    }
}
