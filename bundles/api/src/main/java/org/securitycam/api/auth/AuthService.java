package org.securitycam.api.auth;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The device's one password and one API token. Secrets are compared in constant time and never logged.
 * Failed password attempts are counted per client, which gets throttled after too many.
 */
@ProviderType
public interface AuthService {
    /** Whether requests need the token at all. */
    boolean enabled();

    /** Whether the token is the current one. */
    boolean validToken(String token);

    /**
     * Checks the password for a client (its address), counting failures: the token on success. A client with
     * too many recent failures is refused without a check, even with the right password.
     */
    Attempt login(String password, String client);

    /**
     * Changes the password after checking the current one, counting a wrong one as a failure.
     *
     * @throws org.securitycam.api.settings.InvalidSettingsException if the new password is not 4-128 characters
     */
    Attempt changePassword(String current, String next, String client);

    /** Replaces the token; the old one stops working at once. */
    String regenerateToken();

    /** Switches authentication on or off. Switching it on issues a fresh token, which is returned; otherwise null. */
    String setEnabled(boolean enabled);

    /** The outcome of a password attempt. {@code token} is set on success; {@code retryAfterSeconds} when throttled. */
    record Attempt(Outcome outcome, String token, long retryAfterSeconds) {
    }

    enum Outcome {
        OK, WRONG, THROTTLED
    }
}
