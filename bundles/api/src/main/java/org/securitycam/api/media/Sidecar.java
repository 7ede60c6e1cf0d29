package org.securitycam.api.media;

/** A file that belongs to a media file and shares its name up to the extension. */
public enum Sidecar {
    /** {@code .thumb.jpg}: a recording's first frame, or a timelapse's. */
    THUMBNAIL(".thumb.jpg"),
    /** {@code .sprite.jpg}: ten frames of a recording in one 1600x90 strip. */
    SPRITE(".sprite.jpg"),
    /** {@code .meta.json}: a recording's reason, times, duration and crash flag. */
    META(".meta.json");

    private final String suffix;

    Sidecar(String suffix) {
        this.suffix = suffix;
    }

    /** What replaces the media file's extension in the sidecar's name. */
    public String suffix() {
        return suffix;
    }
}
