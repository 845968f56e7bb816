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

    /** How often one caller may find a person by national ID and see one in full (README, "What each role sees"). */
    Disclosure disclosure();

    /** Allowances of the identity reads, per token subject; each use is audited. */
    interface Disclosure {
        /** Lookups by a typed national ID within an hour: enough for a day's visits, far too few to try 500 guesses. */
        @WithDefault("60")
        int lookupsPerHour();

        /** Full national IDs revealed within a day, each with its reason. */
        @WithDefault("20")
        int revealsPerDay();
    }

    /** The national-ID keys, base64 of 32 random bytes each. */
    interface NationalIdKeys {
        /** AES-256-GCM key for the stored number ({@code WANJIA_HOUSEHOLD_NATIONAL_ID_ENCRYPTION_KEY}). */
        String encryptionKey();

        /** HMAC-SHA256 key for the lookup hash ({@code WANJIA_HOUSEHOLD_NATIONAL_ID_HASH_KEY}). */
        String hashKey();
    }
}
