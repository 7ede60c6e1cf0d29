package org.securitycam.mqtt;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The form of the {@code MQTT} section, with the same defaults and ranges as its rules; the attribute ids are the
 * section's field names ({@code __} stands for {@code _}).
 */
@ObjectClassDefinition(name = "security-cam MQTT",
        description = "Reports the sensor, the recording, presence and the system's health to an MQTT broker, "
                + "takes commands from it, and lets Home Assistant discover the device")
@interface MqttConfig {
    @AttributeDefinition(name = "Enabled", description = "Connect to the broker")
    boolean enabled() default false;

    @AttributeDefinition(name = "Broker host", description = "Host name or IP address of the broker; needed while "
            + "MQTT is enabled", required = false)
    String host() default "";

    @AttributeDefinition(name = "Port", description = "1883 for plain MQTT, 8883 for MQTT over TLS", min = "1",
            max = "65535")
    int port() default MqttSettings.DEFAULT_PORT;

    @AttributeDefinition(name = "TLS", description = "Connect over TLS, checking the broker's certificate against "
            + "the system's trust store, or the CA file if one is given")
    boolean tls() default false;

    @AttributeDefinition(name = "CA file", description = "Absolute path of a PEM file with the CA certificates that "
            + "the broker's certificate must chain to; empty for the system's trust store", required = false)
    String ca__file() default "";

    @AttributeDefinition(name = "User name", description = "Empty to connect without a login", required = false)
    String username() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, description = "Never shown; type a "
            + "new one to change it, or leave the field as it is to keep the stored one", required = false)
    String password() default "";

    @AttributeDefinition(name = "Base topic", description = "Every topic of the device is below it, such as "
            + "security-cam/garage; no wildcards")
    String base__topic() default "security-cam/device";

    @AttributeDefinition(name = "Home Assistant discovery", description = "Publish the discovery configs, so that "
            + "Home Assistant shows the device; off removes them")
    boolean discovery() default true;

    @AttributeDefinition(name = "Discovery prefix", description = "Home Assistant's discovery prefix")
    String discovery__prefix() default MqttSettings.DEFAULT_PREFIX;
}
