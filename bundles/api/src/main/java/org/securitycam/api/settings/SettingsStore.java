package org.securitycam.api.settings;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * settings.json under the data home. Values are JSON-shaped: maps, lists, strings, booleans and numbers.
 * Every returned value is a copy. Every write is atomic and durable, validated by the section's {@link SectionOwner},
 * and announced on {@code Topics.SETTINGS_CHANGED}.
 */
@ProviderType
public interface SettingsStore {
    /** The whole document: every owned section (its defaults where the file has none), and every other stored key as stored. */
    Map<String, Object> all();

    /** One section: as stored, else its owner's defaults; null if it is neither stored nor owned. */
    Object section(String name);

    /**
     * A section exactly as the file holds it, without defaults; empty if the file has none. An owner reads its own
     * section this way while it activates, when the store cannot yet ask it for its defaults.
     */
    Optional<Object> stored(String name);

    /** The fields that their owners declare secret ({@link SectionOwner#SECRETS}), as {@code Section.field}. */
    Set<String> secrets();

    /**
     * Replaces the given top-level sections in one write. Object sections are merged key by key into
     * what is stored when {@code merge} is true. Nothing is written if any section is refused; the
     * exception then names every refused section with its rule.
     *
     * @return the stored values of the sections written
     * @throws InvalidSettingsException if any section is refused
     * @throws SettingsWriteException if the file could not be written; nothing changed
     */
    Map<String, Object> update(Map<String, Object> sections, boolean merge);
}
