package org.securitycam.api.settings;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * settings.json under the data home. Values are JSON-shaped: maps, lists, strings, booleans and numbers.
 * Every returned value is a copy. Every write is atomic and durable, validated by the section's owner,
 * and announced on {@code Topics.SETTINGS_CHANGED}.
 */
@ProviderType
public interface SettingsStore {
    /** The whole document, every known section present (defaults where the file has none). */
    Map<String, Object> all();

    /** One section, or null if it is unknown and absent. */
    Object section(String name);

    /**
     * Replaces the given top-level sections in one write. Object sections are merged key by key into
     * what is stored when {@code merge} is true. Nothing is written if any section is refused.
     *
     * @return the stored values of the sections written
     * @throws InvalidSettingsException if any section is refused
     */
    Map<String, Object> update(Map<String, Object> sections, boolean merge);
}
