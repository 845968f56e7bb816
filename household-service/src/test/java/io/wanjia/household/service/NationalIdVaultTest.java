package io.wanjia.household.service;

import static io.wanjia.household.crypto.NationalIdSuite.AES_GCM_HMAC_SHA256;
import static io.wanjia.household.crypto.NationalIdSuite.SM4_GCM_HMAC_SM3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.wanjia.household.config.HouseholdConfig;
import io.wanjia.household.domain.NationalId;
import io.wanjia.household.domain.NationalIds;

/**
 * The vault configured exactly as the README tells an operator to, through environment variables (as Kubernetes secrets
 * arrive): today's two variables still make key k1, and a second key, a switch of suite and a rotation work by name.
 */
class NationalIdVaultTest {

    private static final String LEGACY_ENCRYPTION = key(32, 1);
    private static final String LEGACY_HASH = key(32, 2);
    private static final NationalId ID = NationalId.parse(NationalIds.of(LocalDate.of(1982, 8, 8), false));

    @Test
    void shouldMakeKeyK1FromTheTwoOriginalVariables() {
        NationalIdVault vault = vault(Map.of(
                "WANJIA_HOUSEHOLD_NATIONAL_ID_ENCRYPTION_KEY", LEGACY_ENCRYPTION,
                "WANJIA_HOUSEHOLD_NATIONAL_ID_HASH_KEY", LEGACY_HASH));

        assertThat(vault.encryptionKeys()).containsExactly(entry("k1", AES_GCM_HMAC_SHA256));
        assertThat(vault.hashKeys()).containsExactly(entry("k1", AES_GCM_HMAC_SHA256));
        assertThat(vault.decrypt("k1", vault.encrypt(ID)).value()).isEqualTo(ID.value());
        assertThat(vault.hashes(ID)).containsExactly(vault.hash(ID));
    }

    @Test
    void shouldRotateToASecondKeyNamedInTheEnvironment() {
        NationalIdVault before = vault(Map.of(
                "WANJIA_HOUSEHOLD_NATIONAL_ID_ENCRYPTION_KEY", LEGACY_ENCRYPTION,
                "WANJIA_HOUSEHOLD_NATIONAL_ID_HASH_KEY", LEGACY_HASH));
        NationalIdVault after = vault(Map.of(
                "WANJIA_HOUSEHOLD_NATIONAL_ID_ENCRYPTION_KEY", LEGACY_ENCRYPTION,
                "WANJIA_HOUSEHOLD_NATIONAL_ID_HASH_KEY", LEGACY_HASH,
                "WANJIA_HOUSEHOLD_NATIONAL_ID_KEYS_K2_ENCRYPTION_KEY", key(32, 3),
                "WANJIA_HOUSEHOLD_NATIONAL_ID_KEYS_K2_HASH_KEY", key(32, 4),
                "WANJIA_HOUSEHOLD_NATIONAL_ID_ACTIVE_ENCRYPTION_KEY", "k2",
                "WANJIA_HOUSEHOLD_NATIONAL_ID_ACTIVE_HASH_KEY", "k2"));

        assertThat(after.encryptionKeyId()).isEqualTo("k2");
        assertThat(after.hashKeyId()).isEqualTo("k2");
        assertThat(after.encryptionKeys()).containsOnlyKeys("k2", "k1");
        assertThat(after.decrypt("k1", before.encrypt(ID)).value()).isEqualTo(ID.value());
        assertThat(after.hashes(ID)).containsExactly(after.hash(ID), before.hash(ID));
    }

    @Test
    void shouldMoveToSm4WithTheOldKeyKeptInItsSuite() {
        NationalIdVault vault = vault(Map.of(
                "WANJIA_HOUSEHOLD_NATIONAL_ID_SUITE", "SM4_GCM_HMAC_SM3",
                "WANJIA_HOUSEHOLD_NATIONAL_ID_ENCRYPTION_KEY", LEGACY_ENCRYPTION,
                "WANJIA_HOUSEHOLD_NATIONAL_ID_HASH_KEY", LEGACY_HASH,
                "WANJIA_HOUSEHOLD_NATIONAL_ID_KEYS_K1_SUITE", "AES_GCM_HMAC_SHA256",
                "WANJIA_HOUSEHOLD_NATIONAL_ID_KEYS_G1_ENCRYPTION_KEY", key(16, 5),
                "WANJIA_HOUSEHOLD_NATIONAL_ID_KEYS_G1_HASH_KEY", key(32, 6),
                "WANJIA_HOUSEHOLD_NATIONAL_ID_ACTIVE_ENCRYPTION_KEY", "g1",
                "WANJIA_HOUSEHOLD_NATIONAL_ID_ACTIVE_HASH_KEY", "g1"));

        assertThat(vault.encryptionKeys()).containsExactly(entry("g1", SM4_GCM_HMAC_SM3), entry("k1", AES_GCM_HMAC_SHA256));
        assertThat(vault.decrypt("g1", vault.encrypt(ID)).value()).isEqualTo(ID.value());
    }

    @Test
    void shouldRefuseToStartWithoutTheActiveKey() {
        assertThatThrownBy(() -> vault(Map.of("WANJIA_HOUSEHOLD_NATIONAL_ID_HASH_KEY", LEGACY_HASH)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the active national-ID encryption key \"k1\" is not configured");
    }

    @Test
    void shouldRefuseAnSm4DeploymentThatForgotTheOldKeysSuite() {
        assertThatThrownBy(() -> vault(Map.of(
                "WANJIA_HOUSEHOLD_NATIONAL_ID_SUITE", "SM4_GCM_HMAC_SM3",
                "WANJIA_HOUSEHOLD_NATIONAL_ID_ENCRYPTION_KEY", LEGACY_ENCRYPTION,
                "WANJIA_HOUSEHOLD_NATIONAL_ID_HASH_KEY", LEGACY_HASH)))
                .hasMessageContaining("encryption key \"k1\" must be 16 bytes for SM4_GCM_HMAC_SM3")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(LEGACY_ENCRYPTION));
    }

    private static NationalIdVault vault(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new EnvConfigSource(environment, 300))
                .withMapping(HouseholdConfig.class).build();
        return new NationalIdVault(config.getConfigMapping(HouseholdConfig.class));
    }

    private static String key(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i);
        }
        return Base64.getEncoder().encodeToString(bytes);
    }
}
