package org.securitycam.api.media;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One media file as the store last saw it. It is an immutable snapshot: a later listing may show a newer one.
 */
@ProviderType
public interface MediaFile {
    MediaKind kind();

    /** The file's real path, inside its kind's folder. */
    Path path();

    long size();

    Instant modified();

    /**
     * The sidecar's path if it is a regular file whose real path lies in the same folder; a sidecar that is a link
     * pointing elsewhere, or not a regular file, counts as missing.
     */
    Optional<Path> sidecar(Sidecar sidecar);

    /** The parsed {@code .meta.json} (under the same rule as {@link #sidecar}); empty when there is none or it does not parse. */
    Optional<Map<String, Object>> meta();

    /** True while the device is still writing this file (the recording in progress). */
    boolean inProgress();
}
