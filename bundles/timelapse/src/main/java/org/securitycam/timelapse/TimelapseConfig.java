package org.securitycam.timelapse;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The form of the {@code Timelapse} section, with the same defaults and ranges as its rules; the attribute ids are
 * the section's field names ({@code __} stands for {@code _}).
 */
@ObjectClassDefinition(name = "security-cam timelapse",
        description = "A frame every few minutes, stamped with the date and time; every finished day becomes one video")
@interface TimelapseConfig {
    @AttributeDefinition(name = "Capture frames")
    boolean enabled() default false;

    @AttributeDefinition(name = "Interval (minutes)", description = "Minutes between two frames",
            min = "" + TimelapseSettings.MIN_INTERVAL, max = "" + TimelapseSettings.MAX_INTERVAL)
    int interval__minutes() default 5;

    @AttributeDefinition(name = "Frames per second", description = "The playback rate of a day's video",
            min = "" + TimelapseSettings.MIN_FPS, max = "" + TimelapseSettings.MAX_FPS)
    int fps() default 24;

    @AttributeDefinition(name = "Resolution", options = { @Option(value = "original", label = "As the camera sends it"),
            @Option(value = "640:480", label = "640 x 480"), @Option(value = "320:240", label = "320 x 240") })
    String resolution() default "640:480";
}
