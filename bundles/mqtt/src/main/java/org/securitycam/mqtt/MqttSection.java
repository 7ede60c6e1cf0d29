package org.securitycam.mqtt;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.securitycam.api.settings.SectionOwner;

/**
 * The owner of the {@code MQTT} section: its rules and defaults, its secret (the password, which no backup carries
 * and the console form takes but never shows), and its Metatype form for the Web Console, where the store mirrors the
 * section. A component of its own, with no references, so that the store can ask it at any time.
 */
@Component(name = MqttSection.PID, property = { SectionOwner.SECTIONS + "=" + MqttSettings.SECTION,
        SectionOwner.PID + "=" + MqttSection.PID,
        SectionOwner.SECRETS + "=" + MqttSettings.SECTION + "." + MqttSettings.PASSWORD },
        configurationPolicy = ConfigurationPolicy.IGNORE)
@Designate(ocd = MqttConfig.class)
public class MqttSection implements SectionOwner {
    static final String PID = "securitycam.mqtt";

    /** Read once: the store asks for the defaults under its lock. */
    private final MqttSettings defaults = MqttSettings.machineDefaults();

    @Override
    public Object defaults(String section) {
        return defaults.toMap();
    }

    @Override
    public Object validate(String section, Object proposed) {
        return MqttSettings.validateProposal(proposed, defaults).toMap();
    }
}
