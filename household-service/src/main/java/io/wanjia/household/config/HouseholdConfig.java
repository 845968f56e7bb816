package io.wanjia.household.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.wanjia.household.crypto.NationalIdKeyRing;
import io.wanjia.household.crypto.NationalIdSuite;

/** household-service settings; the national-ID keys come from the environment only. */
@ConfigMapping(prefix = "wanjia.household")
public interface HouseholdConfig {

    /** The suite and keys for national IDs at rest. */
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
     * How long a household must have been tried without anyone reached before it counts as unreachable, an exit
     * (DESIGN.md Exit; computed from the contact log by {@code Reachability}).
     */
    @WithDefault("P3M")
    Period unreachableAfter();

    /**
     * How long after graduating a member counts as a recent graduate (the GRADUATE target, issue #17): the seed gives no
     * period, two years is the usual reach of the graduate employment policies (离校两年内); a graduation longer ago
     * makes no one a graduate in need.
     */
    @WithDefault("P2Y")
    Period graduateRecentFor();

    /**
     * How long a labour report for a person nobody registered (in the publisher's area) is kept, encrypted, waiting
     * for them: after that it is deleted by an hourly purge (README, Decisions).
     */
    @WithDefault("P180D")
    Duration unmatchedReportRetention();

    /** How often one caller may find a person by national ID and see one in full (README, "What each role sees"). */
    Disclosure disclosure();

    /** This deployment among the city's others (README, "Identity across a city"). */
    Identity identity();

    /** How this deployment claims the people it holds on the city's shared claims topic. */
    interface Identity {
        /**
         * The name its claims go out under, and by which it knows its own claims coming back: its area
         * ({@code WANJIA_DEPLOYMENT_AREA}, e.g. {@code 210102}), or {@code local} for a deployment that is alone.
         */
        @WithDefault("local")
        String deployment();

        /** Members whose missing claims one transaction publishes (after an upgrade, or rows a bulk COPY wrote). */
        @WithDefault("500")
        int publishBatch();
    }

    /** Bulk import of a city's ledger (README, "Ledger import"). */
    @WithName("import")
    LedgerImport ledgerImport();

    /** Limits and batching of ledger imports. */
    interface LedgerImport {
        /**
         * The largest file taken (413 above it), in bytes or with K, M or G (a plain string: the mapping is also built
         * outside Quarkus, in unit tests, where its MemorySize converter is missing); the upload goes to a file.
         */
        @WithDefault("50M")
        String maxFileSize();

        /** {@link #maxFileSize()} in bytes. */
        default long maxFileSizeBytes() {
            String size = maxFileSize().strip().toUpperCase();
            char unit = size.charAt(size.length() - 1);
            long factor = switch (unit) {
                case 'K' -> 1024L;
                case 'M' -> 1024L * 1024;
                case 'G' -> 1024L * 1024 * 1024;
                default -> 1L;
            };
            return Long.parseLong(factor == 1 ? size : size.substring(0, size.length() - 1)) * factor;
        }

        /** Error lines kept per job (the report says how many there were in all). */
        @WithDefault("10000")
        int maxErrors();

        /**
         * Households registered per transaction: a batch that fails is registered again one household per transaction,
         * so only the household at fault is an error (README, "Ledger import", measured).
         */
        @WithDefault("50")
        int batchHouseholds();

        /** Threads that register an import's batches at once (README, "Ledger import", measured). */
        @WithDefault("1")
        int workers();

        /** Where uploaded files wait for their job (default: a directory under java.io.tmpdir). */
        Optional<String> directory();
    }

    /** Allowances of the identity reads, per token subject; each use is audited. */
    interface Disclosure {
        /** Lookups by a typed national ID within an hour (misses and duplicate registrations count). */
        @WithDefault("60")
        int lookupsPerHour();

        /**
         * Lookups within a day: a case worker's visits need a few dozen; trying the ~500 numbers a mask leaves open
         * takes four days of refusals, each attempt on record.
         */
        @WithDefault("120")
        int lookupsPerDay();

        /** Full national IDs revealed within a day, each with its reason. */
        @WithDefault("20")
        int revealsPerDay();
    }

    /**
     * How national IDs are kept at rest: the suite, the key ring and which of its keys are active (household-service
     * README, "National-ID keys and ciphers"). The two original variables are key {@code k1}; more keys come as
     * {@code keys."<id>".encryption-key} ({@code WANJIA_HOUSEHOLD_NATIONAL_ID_KEYS_<ID>_ENCRYPTION_KEY}) and so on.
     */
    interface NationalIdKeys {

        /** The suite of every key that names none: the one new keys are made for. */
        @WithDefault("AES_GCM_HMAC_SHA256")
        NationalIdSuite suite();

        /** Encryption key {@code k1} ({@code WANJIA_HOUSEHOLD_NATIONAL_ID_ENCRYPTION_KEY}). */
        Optional<String> encryptionKey();

        /** Hash key {@code k1} ({@code WANJIA_HOUSEHOLD_NATIONAL_ID_HASH_KEY}). */
        Optional<String> hashKey();

        /** The other keys of the ring by id (lower-case letters and digits). */
        Map<String, RingKey> keys();

        /** The id of the key that seals new numbers. */
        @WithDefault(NationalIdKeyRing.LEGACY_KEY_ID)
        String activeEncryptionKey();

        /** The id of the key that hashes new numbers; one city's districts share it (DESIGN.md, Security). */
        @WithDefault(NationalIdKeyRing.LEGACY_KEY_ID)
        String activeHashKey();
    }

    /** One key of the ring: an encryption key, a hash key or both under one id, base64 each. */
    interface RingKey {

        /** The suite this key belongs to, when not {@link NationalIdKeys#suite()} (e.g. {@code k1} after a switch to SM4). */
        Optional<NationalIdSuite> suite();

        /** Base64 of 32 random bytes for AES-256-GCM, of 16 for SM4-GCM. */
        Optional<String> encryptionKey();

        /** Base64 of 32 random bytes. */
        Optional<String> hashKey();
    }
}
