package org.securitycam.api.settings;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The bundle that owns some top-level sections of settings.json: their rules and their defaults. Register it as
 * an OSGi service from the bundle of the feature, with the service property {@link #SECTIONS} naming the sections
 * (a string, or an array of them).
 *
 * <p>A section has one owner: the store refuses a second one and logs an ERROR naming both bundles; the first keeps
 * it. A section whose owner is not installed is kept exactly as stored. The store reads the property without
 * getting the service, so an owner may itself depend on the store; it gets the service the first time it needs
 * the section's rules or defaults. Both methods are called while the store holds its lock: they must be quick and
 * must not call the store.
 */
@ConsumerType
public interface SectionOwner {
    /** The service property that names the owned sections. */
    String SECTIONS = "securitycam.settings.section";

    /**
     * The service property that names the secret fields of the owned sections, as {@code Section.field} (a string,
     * or an array of them). A secret never leaves the device in a backup and is never mirrored into Config Admin;
     * an import never sets it, the stored value stays.
     */
    String SECRETS = "securitycam.settings.secret";

    /** The value of {@code section} on a device that never stored it; a fresh value on every call. */
    Object defaults(String section);

    /**
     * Checks a proposed value and returns the value to store (defaults filled in, spellings normalised).
     *
     * @throws InvalidSettingsException naming the field and the rule
     */
    Object validate(String section, Object proposed);
}
