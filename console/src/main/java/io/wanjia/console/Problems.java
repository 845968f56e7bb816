package io.wanjia.console;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

/** The console's own refusals, in the same RFC 9457 shape the services answer with (commons' Problem). */
final class Problems {

    private Problems() {
    }

    static Response of(int status, String type, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:wanjia:problem:" + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return Response.status(status).type("application/problem+json").entity(body).build();
    }
}
