package org.securitycam.media;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.securitycam.api.media.MediaKind;
import org.securitycam.api.media.Sidecar;

/**
 * How the files of each kind are named and where they live: the name pattern, the subfolder of the save location,
 * the sidecars a file may have, and the name a new file gets.
 */
enum Naming {
    RECORDING(MediaKind.RECORDING, "recording", "", "output_", "yyyyMMdd_HHmmss", "\\d{8}_\\d{6}", ".mp4",
            EnumSet.allOf(Sidecar.class)),
    SNAPSHOT(MediaKind.SNAPSHOT, "snapshot", "", "snapshot_", "yyyyMMdd_HHmmss", "\\d{8}_\\d{6}", ".jpg",
            EnumSet.noneOf(Sidecar.class)),
    TIMELAPSE(MediaKind.TIMELAPSE, "timelapse", "timelapse", "timelapse_", "yyyyMMdd", "\\d{8}", ".mp4",
            EnumSet.of(Sidecar.THUMBNAIL));

    private static final Map<MediaKind, Naming> BY_KIND = new EnumMap<>(MediaKind.class);

    static {
        for (Naming n : values()) {
            BY_KIND.put(n.kind, n);
        }
    }

    final MediaKind kind;
    /** The {@code type} of the kind in events and listings. */
    final String type;
    /** The folder below the save location; empty for the save location itself. */
    final String subfolder;
    private final String prefix;
    private final DateTimeFormatter stamp;
    private final String extension;
    private final Pattern pattern;
    private final Set<Sidecar> sidecars;
    private final Map<Sidecar, Pattern> sidecarPatterns = new EnumMap<>(Sidecar.class);

    Naming(MediaKind kind, String type, String subfolder, String prefix, String stamp, String stampPattern,
            String extension, Set<Sidecar> sidecars) {
        this.kind = kind;
        this.type = type;
        this.subfolder = subfolder;
        this.prefix = prefix;
        this.stamp = DateTimeFormatter.ofPattern(stamp);
        this.extension = extension;
        this.pattern = Pattern.compile(Pattern.quote(prefix) + stampPattern + Pattern.quote(extension));
        this.sidecars = Set.copyOf(sidecars);
        for (Sidecar s : sidecars) {
            sidecarPatterns.put(s, Pattern.compile(Pattern.quote(prefix) + stampPattern + Pattern.quote(s.suffix())));
        }
    }

    static Naming of(MediaKind kind) {
        return BY_KIND.get(kind);
    }

    /** Whether a bare file name is a media file of this kind. */
    boolean matches(String name) {
        return pattern.matcher(name).matches();
    }

    /** The sidecars a file of this kind may have. */
    Set<Sidecar> sidecars() {
        return sidecars;
    }

    /** The sidecar's name for a media file's name: the extension replaced by the sidecar's suffix. */
    String sidecarName(String mediaName, Sidecar sidecar) {
        return mediaName.substring(0, mediaName.length() - extension.length()) + sidecar.suffix();
    }

    /** The media file's name for the name of one of its sidecars: the inverse of {@link #sidecarName}. */
    String mediaName(String sidecarName, Sidecar sidecar) {
        return sidecarName.substring(0, sidecarName.length() - sidecar.suffix().length()) + extension;
    }

    /** Whether a bare name is some media file's sidecar of that sort, of this kind. */
    boolean isSidecarName(String name, Sidecar sidecar) {
        Pattern p = sidecarPatterns.get(sidecar);
        return p != null && p.matcher(name).matches();
    }

    /** The name of a file made at {@code time}. */
    String name(LocalDateTime time) {
        return prefix + stamp.format(time) + extension;
    }

    /** Whether two files made within the same name's period share a name, so a new one moves a second on. */
    boolean unique() {
        return this != TIMELAPSE;
    }
}
