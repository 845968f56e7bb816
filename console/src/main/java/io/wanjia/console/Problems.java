package io.wanjia.console;

import jakarta.ws.rs.core.Response;

import io.wanjia.contracts.problem.Problem;

/** The console's own refusals, in the problem-details shape every service answers with. */
final class Problems {

    private Problems() {
    }

    static Response of(int status, String type, String title, String detail) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.type(type), title, status, detail, null, null, null, null)).build();
    }
}
