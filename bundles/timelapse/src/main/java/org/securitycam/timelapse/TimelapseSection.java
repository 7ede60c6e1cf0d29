package org.securitycam.timelapse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.securitycam.api.settings.SectionOwner;

/**
 * The owner of the {@code Timelapse} section: its rules and defaults, and its Metatype form for the Web Console. A
 * component of its own, with no references, so that the store can ask it at any time.
 */
@Component(name = TimelapseSection.PID, property = { SectionOwner.SECTIONS + "=" + TimelapseSettings.SECTION,
        SectionOwner.PID + "=" + TimelapseSection.PID }, configurationPolicy = ConfigurationPolicy.IGNORE)
@Designate(ocd = TimelapseConfig.class)
public class TimelapseSection implements SectionOwner {
    static final String PID = "securitycam.timelapse";

    @Override
    public Object defaults(String section) {
        return TimelapseSettings.DEFAULTS.toMap();
    }

    @Override
    public Object validate(String section, Object proposed) {
        return TimelapseSettings.validate(proposed, TimelapseSettings.DEFAULTS).toMap();
    }
}
