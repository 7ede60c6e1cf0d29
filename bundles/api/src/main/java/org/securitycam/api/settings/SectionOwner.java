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
 *
 * <p><b>A form in the Web Console.</b> An owner that also registers the service property {@link #PID} gets its
 * sections mirrored into that Config Admin configuration, and the Felix Web Console draws a form for it from the
 * Metatype definition of that PID. The rule, all of it:
 * <ul>
 * <li>Register {@code securitycam.settings.pid=<pid>} beside {@link #SECTIONS}, and give the PID a Metatype
 * definition: {@code @ObjectClassDefinition} plus {@code @Designate(ocd = ...)} on a component whose
 * {@code configurationPid} is that PID (with {@code configurationPolicy = ConfigurationPolicy.IGNORE}: the section is
 * read from the store, never from the component's properties), or a {@code MetaTypeProvider} service with the
 * property {@code metatype.pid=<pid>} for a form that changes at run time.</li>
 * <li>Each field of a section is one property, named by the field ({@code hold_seconds}); a field of a nested
 * object is named by its path ({@code calibration.debounce_ms}). A section that is not a JSON object is one
 * property named after the section. An owner of several sections prefixes its fields with the section's name and a
 * dot ({@code ISP.contrast}). An attribute's id must be that name exactly: in an annotation, an underscore is
 * written twice ({@code hold__seconds()}), since a single one stands for a dot.</li>
 * <li>Lists of strings, numbers or booleans are arrays; any other list is one property holding its JSON text.</li>
 * <li>{@link #SECRETS} are never mirrored. A secret whose attribute is of type {@code PASSWORD} is write-only in
 * the form: a value typed there is taken (an empty one keeps the stored secret), and the configuration is written
 * back without it. Fields without a Metatype attribute are mirrored but have no field in the form.</li>
 * </ul>
 * An edit in the console is checked by {@link #validate} like a REST change and lands in settings.json with one
 * write; a refused edit is put back in the configuration and logged as a WARNING with the rule. A change through
 * REST shows in the configuration at once.
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

    /** The service property that names the Config Admin configuration the owned sections are mirrored into. */
    String PID = "securitycam.settings.pid";

    /** The value of {@code section} on a device that never stored it; a fresh value on every call. */
    Object defaults(String section);

    /**
     * Checks a proposed value and returns the value to store (defaults filled in, spellings normalised).
     *
     * @throws InvalidSettingsException naming the field and the rule
     */
    Object validate(String section, Object proposed);
}
