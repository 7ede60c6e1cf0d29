package org.securitycam.storage;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.securitycam.api.settings.SectionOwner;

/**
 * The owner of the {@code StorageLimit} section: its rules and defaults, and its Metatype form for the Web
 * Console, where the store mirrors the section (the section is read from the store, never from this component's
 * configuration). A component of its own, with no references, so that the store can ask it at any time.
 */
@Component(name = StorageLimitSection.PID, property = { SectionOwner.SECTIONS + "=" + StorageLimit.SECTION,
        SectionOwner.PID + "=" + StorageLimitSection.PID }, configurationPolicy = ConfigurationPolicy.IGNORE)
@Designate(ocd = StorageLimitConfig.class)
public class StorageLimitSection implements SectionOwner {
    static final String PID = "securitycam.storage";

    @Override
    public Object defaults(String section) {
        return StorageLimit.DEFAULTS.toMap();
    }

    @Override
    public Object validate(String section, Object proposed) {
        return StorageLimit.validate(proposed).toMap();
    }
}
