package org.securitycam.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class PasswordsTest {
    private final Passwords passwords = new Passwords();

    @Test
    void hashesAreSaltedSlowAndVerifiable() {
        String a = passwords.hash("hunter22");
        String b = passwords.hash("hunter22");
        assertNotEquals(a, b, "a fresh salt for every hash");
        assertTrue(a.startsWith("pbkdf2_sha256$" + Passwords.ITERATIONS + "$"));
        assertTrue(Passwords.ITERATIONS >= 210_000);
        assertTrue(passwords.matches("hunter22", a));
        assertFalse(passwords.matches("hunter23", a));
        assertFalse(passwords.matches("hunter22", "garbage"));
        assertFalse(passwords.matches("hunter22", "pbkdf2_sha256$x$y$z"));
        assertFalse(passwords.matches(null, a));
    }

    @Test
    void tokensCarry32RandomBytesUrlSafe() {
        String t = passwords.token();
        assertEquals(32, Base64.getUrlDecoder().decode(t).length);
        assertTrue(t.matches("[A-Za-z0-9_-]+"));
        assertNotEquals(t, passwords.token());
    }

    @Test
    void generatedPasswordsHaveTwelveCharacters() {
        assertTrue(passwords.newPassword().matches("[a-zA-Z2-9]{12}"));
    }

    @Test
    void secretsCompareWithoutNulls() {
        assertTrue(Passwords.sameSecret("abc", "abc"));
        assertFalse(Passwords.sameSecret("abc", "abd"));
        assertFalse(Passwords.sameSecret(null, "abc"));
        assertFalse(Passwords.sameSecret("abc", null));
    }
}
