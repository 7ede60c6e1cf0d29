package org.securitycam.system;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The configuration {@code securitycam.system}: where the health figures come from, how often they are read,
 * and the commands of the maintenance routes. Commands are argument lists, run without a shell.
 */
@ObjectClassDefinition(name = "security-cam system",
        description = "Where the health figures come from and how often they are read, and the commands for reboot "
                + "and the captive portal's firewall rule")
@interface SystemConfig {
    String PID = "securitycam.system";

    @AttributeDefinition(name = "Thermal zone", description = "The file with the CPU temperature in millidegrees")
    String thermal_zone() default "/sys/class/thermal/thermal_zone0/temp";

    @AttributeDefinition(name = "vcgencmd", description = "The vcgencmd command (an argument list); get_throttled "
            + "is added to it")
    String[] vcgencmd() default { "vcgencmd" };

    @AttributeDefinition(name = "Block devices", description = "The folder of block devices whose <device>/device/"
            + "life_time tells the SD card's wear")
    String block_devices() default "/sys/block";

    @AttributeDefinition(name = "proc", description = "The proc filesystem: load, memory, uptime, network counters")
    String proc() default "/proc";

    @AttributeDefinition(name = "Command timeout (s)", description = "A command that takes longer is killed, and "
            + "its figure goes stale", min = "1", max = "60")
    int command_timeout_seconds() default 5;

    @AttributeDefinition(name = "Sample interval (s)", description = "How often the sources are read", min = "1",
            max = "300")
    int sample_interval_seconds() default 5;

    @AttributeDefinition(name = "Alert interval (s)", description = "How often the alert levels are evaluated",
            min = "1", max = "3600")
    int alert_interval_seconds() default 60;

    @AttributeDefinition(name = "Info interval (s)", description = "How often system_info goes out on /events",
            min = "1", max = "3600")
    int info_interval_seconds() default 10;

    @AttributeDefinition(name = "Health history interval (s)", description = "How often a health sample is kept",
            min = "1", max = "3600")
    int health_interval_seconds() default 300;

    @AttributeDefinition(name = "Reboot command", description = "The command that reboots the machine (an argument "
            + "list, for example sudo -n /sbin/reboot); none: POST /system/reboot answers 501", required = false)
    String[] reboot_command() default {};

    @AttributeDefinition(name = "Firewall command", description = "The iptables command (an argument list, for "
            + "example sudo -n /usr/sbin/iptables) for the captive portal's redirect of port 80; none: the "
            + "setting is kept but no rule is made", required = false)
    String[] firewall_command() default {};
}
