package org.securitycam.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.securitycam.api.auth.AuthService;
import org.securitycam.api.eventlog.EventLog;
import org.securitycam.api.eventlog.EventTypes;
import org.securitycam.api.settings.InvalidSettingsException;
import org.securitycam.api.settings.SettingsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's password and token, kept in the {@code Auth} section of settings.json as
 * {@code {"enabled", "password_hash", "token"}}. On first start it sets the password from
 * {@code SECURITY_CAM_PASSWORD}, or generates one into {@code settings/initial-password} (mode 0600). A
 * {@code reset-auth} file in the data home or on the boot partition starts that over.
 */
@Component(service = AuthService.class, configurationPid = "securitycam.auth")
@Designate(ocd = AuthManager.Config.class)
public class AuthManager implements AuthService {
    private static final Logger LOG = LoggerFactory.getLogger(AuthManager.class);
    static final String SECTION = "Auth";

    @ObjectClassDefinition(name = "security-cam authentication",
            description = "Where a reset-auth file is looked for at start, besides the data home")
    @interface Config {
        @AttributeDefinition(name = "Recovery files", description = "Paths whose existence at start resets the password")
        String[] reset_files() default { "/boot/firmware/reset-auth", "/boot/reset-auth" };
    }

    private final SettingsStore settings;
    private final Passwords passwords = new Passwords();
    private final LoginThrottle throttle = new LoginThrottle(System::currentTimeMillis);
    private final Path settingsDir;
    /**
     * The last password that passed the slow check, as an HMAC under a key that lives only in this process, and
     * until when it may skip the slow check. The Web Console sends the password with every request, and PBKDF2
     * takes seconds on a Pi; a wrong password always takes the slow path.
     */
    private final byte[] processKey = new byte[32];
    private volatile byte[] recentPassword;
    private volatile long recentUntil;
    // Optional and dynamic: logins work without the event log, and its bundle may come later or be updated.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventLog eventLog;

    @Activate
    public AuthManager(BundleContext context, @Reference SettingsStore settings, Config config) {
        this.settings = settings;
        String homeProperty = context.getProperty("securitycam.home");
        Path home = homeProperty != null ? Path.of(homeProperty) : Path.of(System.getProperty("user.home"), ".security-cam");
        this.settingsDir = home.resolve("settings");
        new java.security.SecureRandom().nextBytes(processKey);
        boolean reset = consumeResetFile(home.resolve("reset-auth"));
        for (String f : config.reset_files()) {
            reset |= consumeResetFile(Path.of(f));
        }
        Map<String, Object> auth = section();
        if (reset || !(auth.get("password_hash") instanceof String)) {
            auth.put("password_hash", passwords.hash(initialPassword(reset)));
        }
        if (!(auth.get("token") instanceof String)) {
            auth.put("token", passwords.token());
        }
        auth.putIfAbsent("enabled", true);
        store(auth);
    }

    @Override
    public boolean enabled() {
        return !Boolean.FALSE.equals(section().get("enabled"));
    }

    @Override
    public boolean validToken(String token) {
        return Passwords.sameSecret(token, (String) section().get("token"));
    }

    @Override
    public Attempt login(String password, String client) {
        long wait = throttle.retryAfter(client);
        if (wait > 0) {
            return new Attempt(Outcome.THROTTLED, null, wait);
        }
        Map<String, Object> auth = section();
        byte[] digest = hmac(password);
        boolean recent = System.currentTimeMillis() < recentUntil
                && java.security.MessageDigest.isEqual(digest, recentPassword);
        if (!recent && !passwords.matches(password, (String) auth.get("password_hash"))) {
            throttle.failure(client);
            LOG.warn("Wrong password from {}", client);
            EventLog log = eventLog;
            if (log != null) {
                log.record(EventTypes.UNAUTHORIZED_ACCESS, EventLog.Severity.WARNING, "wrong password from " + client);
            }
            return new Attempt(Outcome.WRONG, null, 0);
        }
        recentPassword = digest;
        recentUntil = System.currentTimeMillis() + 10 * 60_000;
        throttle.success(client);
        return new Attempt(Outcome.OK, (String) auth.get("token"), 0);
    }

    @Override
    public synchronized Attempt changePassword(String current, String next, String client) {
        if (next == null || next.length() < 4 || next.length() > 128) {
            throw new InvalidSettingsException("new must be a password of 4 to 128 characters");
        }
        Attempt check = login(current, client);
        if (check.outcome() != Outcome.OK) {
            return check;
        }
        Map<String, Object> auth = section();
        auth.put("password_hash", passwords.hash(next));
        store(auth);
        recentUntil = 0;
        deleteInitialPassword();
        LOG.info("Password changed");
        return check;
    }

    @Override
    public synchronized String regenerateToken() {
        Map<String, Object> auth = section();
        String token = passwords.token();
        auth.put("token", token);
        store(auth);
        LOG.info("API token regenerated; the old token no longer works");
        return token;
    }

    @Override
    public synchronized String setEnabled(boolean enabled) {
        Map<String, Object> auth = section();
        boolean was = !Boolean.FALSE.equals(auth.get("enabled"));
        auth.put("enabled", enabled);
        String token = null;
        if (enabled && !was) {
            token = passwords.token();
            auth.put("token", token);
        }
        store(auth);
        LOG.info("Authentication switched {}", enabled ? "on" : "off");
        return token;
    }

    private byte[] hmac(String password) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(processKey, "HmacSHA256"));
            return mac.doFinal(String.valueOf(password).getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java", e);
        }
    }

    private Map<String, Object> section() {
        Object s = settings.section(SECTION);
        Map<String, Object> m = new LinkedHashMap<>();
        if (s instanceof Map<?, ?> map) {
            map.forEach((k, v) -> m.put(String.valueOf(k), v));
        }
        return m;
    }

    private void store(Map<String, Object> auth) {
        settings.update(Map.of(SECTION, auth), false);
    }

    private String initialPassword(boolean reset) {
        String given = System.getenv("SECURITY_CAM_PASSWORD");
        if (given != null && !given.isEmpty() && !reset) {
            LOG.info("Password set from SECURITY_CAM_PASSWORD");
            return given;
        }
        String password = passwords.newPassword();
        Path file = settingsDir.resolve("initial-password");
        try {
            Files.createDirectories(settingsDir);
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the initial password to " + file, e);
        }
        LOG.warn("Authentication is on. The initial password is in {} (readable by this user only)", file);
        return password;
    }

    private void deleteInitialPassword() {
        try {
            Files.deleteIfExists(settingsDir.resolve("initial-password"));
        } catch (IOException e) {
            LOG.warn("Could not delete the initial password file: {}", e.getMessage());
        }
    }

    private static boolean consumeResetFile(Path file) {
        if (!Files.exists(file)) {
            return false;
        }
        try {
            Files.delete(file);
            LOG.warn("Found {}: the password is reset", file);
            return true;
        } catch (IOException e) {
            LOG.error("Found {} but could not delete it, so the password is not reset: {}", file, e.getMessage());
            return false;
        }
    }
}
