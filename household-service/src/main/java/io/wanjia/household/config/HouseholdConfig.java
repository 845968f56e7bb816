package io.wanjia.household.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** household-service settings; the national-ID keys come from the environment only. */
@ConfigMapping(prefix = "wanjia.household")
public interface HouseholdConfig {

    /** Keys for national IDs at rest. */
    NationalIdKeys nationalId();

    /** Monthly minimum wage by division-code prefix; the longest matching prefix wins. */
    Map<String, BigDecimal> minimumWage();

    /** The monthly minimum wage where no prefix of {@link #minimumWage()} matches. */
    @WithDefault("2100")
    BigDecimal defaultMinimumWage();

    /** Division codes accepted beside the shipped GB/T 2260 list (e.g. a newly created district). */
    Optional<List<String>> extraDivisionCodes();

    /** Unreasonable refusals of suitable offers after which a household exits (DESIGN.md Exit). */
    @WithDefault("3")
    int refusalsBeforeExit();

    /**
     * How long a labour report for a person nobody registered (in the publisher's area) is kept, encrypted, waiting
     * for them: after that it is deleted by an hourly purge (README, Decisions).
     */
    @WithDefault("P180D")
    Duration unmatchedReportRetention();

    /** The national-ID keys, base64 of 32 random bytes each. */
    interface NationalIdKeys {
        /** AES-256-GCM key for the stored number ({@code WANJIA_HOUSEHOLD_NATIONAL_ID_ENCRYPTION_KEY}). */
        String encryptionKey();

        /** HMAC-SHA256 key for the lookup hash ({@code WANJIA_HOUSEHOLD_NATIONAL_ID_HASH_KEY}). */
        String hashKey();
    }
}
