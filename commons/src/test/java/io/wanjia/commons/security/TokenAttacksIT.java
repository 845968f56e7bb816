package io.wanjia.commons.security;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.wanjia.commons.testing.Tokens;

/**
 * Tokens an attacker could bring, each really made (signed by another key, unsigned, HMAC-keyed with our public key,
 * expired, for another issuer or another application, tampered with, without a usable area): every one is refused,
 * and only the genuine token gets in. The area is checked after the signature, so a signed token without one is 403.
 */
@QuarkusTest
class TokenAttacksIT {

    private static final String AREA = "210102";

    @Test
    void shouldLetTheGenuineTokenIn() {
        answers(Tokens.of("caseworker", AREA), 200);
    }

    @Test
    void shouldRefuseATokenSignedByAnotherKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey other = generator.generateKeyPair().getPrivate();
        answers(claims().sign(other), 401);
    }

    @Test
    void shouldRefuseAnUnsignedToken() {
        String genuine = Tokens.of("caseworker", AREA);
        answers(segment("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + genuine.split("\\.")[1] + ".", 401);
    }

    @Test
    void shouldRefuseAnHmacTokenKeyedWithOurPublicKey() throws Exception {
        String location = ConfigProvider.getConfig().getValue("mp.jwt.verify.publickey.location", String.class);
        byte[] publicKey = Files.readAllBytes(Path.of(location));
        String unsigned = segment("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + Tokens.of("caseworker", AREA).split("\\.")[1];
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(publicKey, "HmacSHA256"));
        answers(unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII))), 401);
    }

    @Test
    void shouldRefuseAnExpiredToken() {
        answers(claims().issuedAt(Instant.now().minus(Duration.ofHours(2))).expiresAt(Instant.now().minus(Duration.ofMinutes(10))).sign(), 401);
    }

    @Test
    void shouldRefuseATokenOfAnotherIssuer() {
        answers(claims().issuer("https://sso.example.gov.cn/realms/other").sign(), 401);
    }

    @Test
    void shouldRefuseATokenIssuedForAnotherApplication() {
        answers(claims().audience("another-application").sign(), 401);
        answers(Jwt.issuer(Tokens.ISSUER).subject("test-attacker").groups(Set.of("caseworker")).claim(AreaScope.CLAIM, AREA)
                .expiresIn(Duration.ofMinutes(5)).sign(), 401);
    }

    @Test
    void shouldRefuseATamperedToken() {
        String[] genuine = Tokens.of("caseworker", AREA).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(genuine[1]), StandardCharsets.UTF_8).replace("\"caseworker\"", "\"admin\"");
        answers(genuine[0] + "." + segment(payload) + "." + genuine[2], 401);
    }

    @Test
    void shouldRefuseASignedTokenWithoutAUsableArea() {
        JwtClaimsBuilder noArea = Jwt.claims(Map.of()).issuer(Tokens.ISSUER).audience(Tokens.AUDIENCE)
                .subject("test-no-area").groups(Set.of("caseworker")).expiresIn(Duration.ofMinutes(5));
        changes(noArea.sign(), 403);
        changes(claims().claim(AreaScope.CLAIM, "21x").sign(), 403);
        changes(claims().claim(AreaScope.CLAIM, "2101021").sign(), 403);
    }

    /** The claims of a genuine caseworker token of {@link #AREA}, to spoil one at a time. */
    private static JwtClaimsBuilder claims() {
        return Jwt.issuer(Tokens.ISSUER).audience(Tokens.AUDIENCE).subject("test-attacker").upn("test-attacker")
                .groups(Set.of("caseworker")).claim(AreaScope.CLAIM, AREA).expiresIn(Duration.ofMinutes(5));
    }

    private static String segment(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A read that needs the caseworker role. */
    private static void answers(String token, int status) {
        given().header("Authorization", "Bearer " + token).get("/api/v1/ledger/{id}/history", UUID.randomUUID())
                .then().statusCode(status);
    }

    /** A write that needs the role and the caller's area. */
    private static void changes(String token, int status) {
        given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(Map.of("districtCode", AREA, "reason", "PLACED")).post("/api/v1/ledger/{id}", UUID.randomUUID())
                .then().statusCode(status);
    }
}
