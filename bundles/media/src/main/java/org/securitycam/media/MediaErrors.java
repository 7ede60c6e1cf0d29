package org.securitycam.media;

import org.securitycam.api.media.MediaException;
import org.securitycam.api.media.MediaKind;

/** The store's refusals, worded for the client. */
final class MediaErrors {
    private MediaErrors() {
    }

    static MediaException invalid() {
        return new MediaException(MediaException.Reason.INVALID, "Invalid path");
    }

    static MediaException notFound() {
        return new MediaException(MediaException.Reason.NOT_FOUND, "Not found");
    }

    static MediaException inUse(MediaKind kind) {
        return new MediaException(MediaException.Reason.IN_USE,
                kind == MediaKind.RECORDING ? "This recording is still running" : "This file is still being written");
    }
}
