package io.wanjia.console;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdToken;

/**
 * Who is signed in, for the pages to choose what to show: name, roles and area. The roles and area are read from the
 * access token the services will check (they decide; the page only hides what would be refused anyway).
 */
@Path("/session")
public class SessionResource {

    /** What the page shows of the person signed in; {@code subject} is how the services' audit trails name them. */
    public record Session(String subject, String username, String name, List<String> roles, String area) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @IdToken
    JsonWebToken idToken;

    @Inject
    AccessTokenCredential accessToken;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Session session() throws IOException {
        String[] parts = accessToken.getToken().split("\\.");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        List<String> roles = StreamSupport.stream(claims.path("groups").spliterator(), false).map(JsonNode::asText).toList();
        String username = idToken.getClaim("preferred_username");
        return new Session(idToken.getSubject(), username, displayName(idToken.getClaim("family_name"), idToken.getClaim("given_name"), username), roles,
                claims.path("area").asText(null));
    }

    /** A Chinese name reads family name first, without a space (王敏); others given name first (Min Wang). */
    static String displayName(String family, String given, String username) {
        if (family == null || given == null || family.isBlank() || given.isBlank()) {
            return family != null && !family.isBlank() ? family : given != null && !given.isBlank() ? given : username;
        }
        boolean chinese = (family + given).codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        return chinese ? family + given : given + " " + family;
    }
}
