package org.securitycam.api.media;

/**
 * The store refused a client's path or a deletion. The REST layer answers with {@link Reason#status()}, and the
 * message is a sentence for the client.
 */
public class MediaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the store refused. */
    public enum Reason {
        /** Not an absolute path directly inside the kind's folder with the kind's name pattern: HTTP 400. */
        INVALID(400),
        /** A valid path that names no file: HTTP 404. */
        NOT_FOUND(404),
        /** The device is still writing the file: HTTP 409. */
        IN_USE(409);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;

    public MediaException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
