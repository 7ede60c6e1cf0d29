package org.securitycam.timelapse;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The programs the timelapse runs to stitch its videos. */
@ObjectClassDefinition(name = "security-cam timelapse scheduler",
        description = "The programs that stitch a day's frames into its video, at the lowest priority")
@interface ProcessConfig {
    @AttributeDefinition(name = "ffmpeg", description = "The ffmpeg command or its path")
    String ffmpeg_path() default "ffmpeg";

    @AttributeDefinition(name = "nice", description = "The nice command or its path, which lowers ffmpeg's priority")
    String nice_path() default "nice";
}
