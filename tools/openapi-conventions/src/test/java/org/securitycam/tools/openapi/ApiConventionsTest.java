package org.securitycam.tools.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;

class ApiConventionsTest {
    @Test
    void aRouteWithAFileParameterNeedsTheTokenAndNamesItsErrors() {
        Operation op = new Operation().parameters(List.of(new Parameter().in("query").name("video_path"),
                new Parameter().in("header").name("Range")));
        ApiConventions.describe("/stream_video", PathItem.HttpMethod.GET, op);
        assertEquals(List.of("400", "401", "404"), op.getResponses().keySet().stream().sorted().toList());
        assertEquals("#/components/responses/Unauthorized", op.getResponses().get("401").get$ref());
        assertTrue(op.getParameters().get(0).getDescription().contains("real path"));
        assertEquals(null, op.getSecurity(), "the global requirement applies");
    }

    @Test
    void aJsonBodyIsRequiredAndTheOpenRoutesCarryNoSecurity() {
        Operation op = new Operation().requestBody(new RequestBody().content(new Content().addMediaType("*/*",
                new MediaType())));
        ApiConventions.describe("/auth/validate", PathItem.HttpMethod.POST, op);
        assertEquals(List.of(), op.getSecurity());
        assertFalse(op.getResponses().containsKey("401"));
        assertTrue(op.getResponses().keySet().containsAll(List.of("400", "413", "415")));
        assertEquals(List.of("application/json"), List.copyOf(op.getRequestBody().getContent().keySet()));
        assertTrue(op.getRequestBody().getRequired());
    }

    @Test
    void aReadWithoutParametersOnlyNeedsTheToken() {
        Operation op = new Operation();
        ApiConventions.describe("/sensor/status", PathItem.HttpMethod.GET, op);
        assertEquals(List.of("401"), List.copyOf(op.getResponses().keySet()));
    }
}
