package org.securitycam.camera;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "security-cam camera",
        description = "Where video comes from and how ffmpeg records it")
@interface CameraConfig {
    @AttributeDefinition(name = "Source", description = "An RTSP URL such as rtsp://localhost:8554/cam (MediaMTX on "
            + "a Pi), or 'testpattern' for a built-in test pattern with a running clock; empty picks by profile")
    String source() default "";

    @AttributeDefinition(name = "RTSP transport", options = { @Option(value = "tcp", label = "TCP"),
            @Option(value = "udp", label = "UDP") })
    String rtsp_transport() default "tcp";

    @AttributeDefinition(name = "ffmpeg", description = "The ffmpeg command or its path")
    String ffmpeg_path() default "ffmpeg";

    @AttributeDefinition(name = "ffprobe", description = "The ffprobe command or its path")
    String ffprobe_path() default "ffprobe";

    @AttributeDefinition(name = "Maximum length (minutes)", description = "A longer recording rolls over to a new file",
            min = "1", max = "240")
    int max_length_minutes() default 30;

    @AttributeDefinition(name = "Test pattern size", description = "WIDTHxHEIGHT of the built-in test pattern")
    String testpattern_size() default "640x480";
}
