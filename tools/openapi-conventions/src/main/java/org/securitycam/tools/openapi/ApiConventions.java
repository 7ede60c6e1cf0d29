package org.securitycam.tools.openapi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.securitycam.web.AuthGate;

import io.swagger.v3.core.filter.AbstractSpecFilter;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * Adds to every operation of the generated description what the resource classes do not say about themselves
 * because the web bundle does it for all of them: the answers without a token, for bad input, for a body that is
 * too large or not JSON, and for a file that does not exist, each a reference to a shared response with the
 * {@code {"error"}} body; the routes the auth gate leaves open; and what a file parameter must be. The shared
 * responses and security schemes are in the base description this build starts from.
 */
public class ApiConventions extends AbstractSpecFilter {
    /** Query parameters that name a media file by its absolute path, as the listings give it. */
    static final Set<String> FILE_PATHS = Set.of("path", "video_path", "snapshot_path");
    /** The path parameter that names a file by its bare name inside the route's own folder. */
    static final String FILE_NAME = "file";

    static final String FILE_PATH_RULE = "An absolute path as the listings give it. Its real path (links followed)"
            + " must be a regular file directly in the folder this route serves, with that folder's file name"
            + " pattern; anything else is 400 {\"error\": \"Invalid path\"}, and a file that does not exist is 404.";
    static final String FILE_NAME_RULE = "A bare file name, without a folder, of a file in the folder this route"
            + " serves; a name with a folder, or one that does not match, is 400, and a file that does not exist is 404.";

    @Override
    public Optional<OpenAPI> filterOpenAPI(OpenAPI openAPI, Map<String, List<String>> params,
            Map<String, String> cookies, Map<String, List<String>> headers) {
        if (openAPI.getPaths() != null) {
            openAPI.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> describe(path, method, operation)));
        }
        return Optional.of(openAPI);
    }

    static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
        operation.setResponses(responses);
        ApiResponse ok = responses.get("200");
        if (ok != null && "default response".equals(ok.getDescription())) {
            ok.setDescription("OK");
        }
        List<Parameter> parameters = operation.getParameters() != null ? operation.getParameters() : List.of();
        boolean names = false;
        for (Parameter p : parameters) {
            if ("query".equals(p.getIn()) && FILE_PATHS.contains(p.getName())) {
                p.setDescription(FILE_PATH_RULE);
                names = true;
            } else if ("path".equals(p.getIn()) && FILE_NAME.equals(p.getName())) {
                p.setDescription(FILE_NAME_RULE);
                names = true;
            } else if ("path".equals(p.getIn())) {
                names = true;
            }
        }
        if (AuthGate.OPEN_PATHS.contains(path)) {
            operation.setSecurity(List.of()); // open: overrides the description's global security requirement
        } else {
            respond(responses, "401", "Unauthorized");
        }
        // A POST without a body of its own still refuses one, and a query or path parameter is checked.
        boolean takesInput = method == PathItem.HttpMethod.POST
                || parameters.stream().anyMatch(p -> !"header".equals(p.getIn()));
        if (takesInput) {
            respond(responses, "400", "BadRequest");
        }
        RequestBody body = operation.getRequestBody();
        if (body != null) {
            // Every body is JSON whatever the method declares: the body rule refuses any other type.
            if (body.getContent() != null && body.getContent().containsKey("*/*")) {
                body.setContent(new Content().addMediaType("application/json", body.getContent().get("*/*")));
            }
            body.setRequired(true);
            respond(responses, "413", "TooLarge");
            respond(responses, "415", "NotJson");
        }
        if (names) {
            respond(responses, "404", "NotFound");
        }
    }

    private static void respond(ApiResponses responses, String status, String shared) {
        responses.putIfAbsent(status, new ApiResponse().$ref("#/components/responses/" + shared));
    }
}
