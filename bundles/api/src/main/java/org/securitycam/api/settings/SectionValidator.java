package org.securitycam.api.settings;

import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Owns the rules of some top-level sections of settings.json. The settings store asks the owner
 * of a section before it writes it, so that {@code POST /settings} and the section's own route apply
 * the same rules. Register it as an OSGi service.
 */
@ConsumerType
public interface SectionValidator {
    /** The top-level keys this validator owns. */
    Set<String> sections();

    /**
     * Checks a proposed value and returns the value to store (with defaults filled in).
     *
     * @throws InvalidSettingsException naming the field and the rule
     */
    Object validate(String section, Object proposed);
}
