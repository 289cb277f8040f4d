package dev.kilo.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeySecretsTest {

    @Test
    void secretStartsWithPrefix() {
        String secret = KeySecrets.newSecret();
        assertTrue(secret.startsWith("sk-kg-"), secret);
        assertEquals("sk-kg-", KeySecrets.PREFIX);
    }

    @Test
    void secretCarries32BytesAsUrlSafeBase64() {
        String secret = KeySecrets.newSecret();
        String token = secret.substring(KeySecrets.PREFIX.length());
        assertEquals(43, token.length(), secret);
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), secret);
    }

    @Test
    void secretsAreUniqueOverAThousandDraws() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(KeySecrets.newSecret());
        }
        assertEquals(1000, seen.size());
    }

    @Test
    void idsStartWithKeyPrefixAndAreUnique() {
        String a = KeySecrets.newId();
        String b = KeySecrets.newId();
        assertTrue(a.matches("key_[A-Za-z0-9_-]{16}"), a);
        assertNotEquals(a, b);
    }

    @Test
    void hashIs64LowercaseHex() {
        String hash = KeySecrets.hash(KeySecrets.newSecret());
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
    }

    @Test
    void hashIsDeterministic() {
        String secret = KeySecrets.newSecret();
        assertEquals(KeySecrets.hash(secret), KeySecrets.hash(secret));
    }

    @Test
    void hashIsSha256OfTheSecret() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", KeySecrets.hash("abc"));
    }

    @Test
    void differentSecretsHashDifferently() {
        assertNotEquals(KeySecrets.hash("sk-kg-a"), KeySecrets.hash("sk-kg-b"));
    }

    @Test
    void hintIsTheLastFourCharacters() {
        assertEquals("WXYZ", KeySecrets.hint("sk-kg-abcdefWXYZ"));
    }

    @Test
    void hintOfAGeneratedSecretIsItsSuffix() {
        String secret = KeySecrets.newSecret();
        String hint = KeySecrets.hint(secret);
        assertEquals(4, hint.length());
        assertTrue(secret.endsWith(hint));
    }

    @Test
    void hintOfAShortSecretIsTheWholeSecret() {
        assertEquals("abc", KeySecrets.hint("abc"));
    }
}
