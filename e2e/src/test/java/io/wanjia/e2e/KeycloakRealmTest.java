package io.wanjia.e2e;

import static io.wanjia.e2e.RepositoryFiles.ROOT;
import static io.wanjia.e2e.RepositoryFiles.list;
import static io.wanjia.e2e.RepositoryFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Keycloak realm of deploy/keycloak issues what the services check: the roles of DESIGN.md (as the
 * services spell them), in the claim the services read groups from, the {@code area} claim, and the audience the
 * services require.
 */
class KeycloakRealmTest {

    static Map<String, Object> realm() throws IOException {
        return map(new ObjectMapper().readValue(ROOT.resolve("deploy/keycloak/wanjia-realm.json").toFile(), Map.class));
    }

    @Test
    void shouldDefineExactlyTheRolesTheServicesCheck() throws IOException {
        List<Object> roles = list(map(realm().get("roles")).get("realm"));

        assertThat(roles).extracting(role -> map(role).get("name")).containsExactlyInAnyOrderElementsOf(serviceRoles());
    }

    @Test
    void shouldPutRolesAndAreaInTheClaimsTheServicesRead() throws IOException {
        String shared = Files.readString(ROOT.resolve("commons/src/main/resources/META-INF/microprofile-config.properties"));
        Matcher groupsPath = Pattern.compile("smallrye\\.jwt\\.path\\.groups=(\\S+)").matcher(shared);
        assertThat(groupsPath.find()).isTrue();
        Matcher audience = Pattern.compile("mp\\.jwt\\.verify\\.audiences=\\$\\{WANJIA_JWT_AUDIENCE:([^}]+)}").matcher(shared);
        assertThat(audience.find()).isTrue();
        String areaClaim = constant("commons/src/main/java/io/wanjia/commons/security/AreaScope.java", "CLAIM");

        for (String clientId : List.of("wanjia-web", "labour-bureau")) {
            List<Object> mappers = list(client(clientId).get("protocolMappers"));
            assertThat(mappers).as(clientId).anySatisfy(m -> {
                assertThat(map(m).get("protocolMapper")).isEqualTo("oidc-usermodel-realm-role-mapper");
                assertThat(map(map(m).get("config"))).containsEntry("claim.name", groupsPath.group(1))
                        .containsEntry("multivalued", "true").containsEntry("access.token.claim", "true");
            });
            assertThat(mappers).as(clientId).anySatisfy(m -> {
                assertThat(map(map(m).get("config"))).containsEntry("claim.name", areaClaim)
                        .containsEntry("access.token.claim", "true");
            });
            // The services refuse a token without their audience (mp.jwt.verify.audiences).
            assertThat(mappers).as(clientId).anySatisfy(m -> {
                assertThat(map(m).get("protocolMapper")).isEqualTo("oidc-audience-mapper");
                assertThat(map(map(m).get("config"))).containsEntry("included.custom.audience", audience.group(1))
                        .containsEntry("access.token.claim", "true");
            });
        }
    }

    @Test
    void shouldLetTheLabourBureauPublishAndNothingElseWithoutCommittingItsSecret() throws IOException {
        Map<String, Object> bureau = client("labour-bureau");
        Map<String, Object> account = list(realm().get("users")).stream().map(RepositoryFiles::map)
                .filter(u -> "labour-bureau".equals(u.get("serviceAccountClientId"))).findFirst().orElseThrow();

        assertThat(account.get("realmRoles")).isEqualTo(List.of("publisher"));
        assertThat(bureau.get("secret").toString()).startsWith("${").endsWith("}");
        assertThat(list(realm().get("users"))).allSatisfy(u -> assertThat(map(u)).doesNotContainKey("credentials"));
    }

    private static Map<String, Object> client(String clientId) throws IOException {
        return list(realm().get("clients")).stream().map(RepositoryFiles::map)
                .filter(c -> clientId.equals(c.get("clientId"))).findFirst().orElseThrow();
    }

    private static List<String> serviceRoles() throws IOException {
        String roles = Files.readString(ROOT.resolve("commons/src/main/java/io/wanjia/commons/security/Roles.java"));
        Matcher constant = Pattern.compile("public static final String \\w+ = \"([^\"]+)\"").matcher(roles);
        List<String> names = new java.util.ArrayList<>();
        while (constant.find()) {
            names.add(constant.group(1));
        }
        assertThat(names).hasSize(6);
        return names;
    }

    private static String constant(String source, String name) throws IOException {
        Matcher constant = Pattern.compile("static final String " + name + " = \"([^\"]+)\"")
                .matcher(Files.readString(ROOT.resolve(source)));
        assertThat(constant.find()).as("%s in %s", name, source).isTrue();
        return constant.group(1);
    }
}
