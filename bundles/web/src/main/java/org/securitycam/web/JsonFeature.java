package org.securitycam.web;

import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsMediaType;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;

/**
 * JSON for every resource that says {@code @JSONRequired}. It is a Feature, not a provider instance: a
 * provider instance shared across Jersey's reloads fails every request once the first locator is shut down.
 * Reading is bounded (nesting depth, string and number length) so hostile bodies give 400, not 500, and strict: a
 * key given twice is a 400 rather than a silent choice of one (numbers: see {@link FiniteNumbers}).
 */
@Component(service = Feature.class)
@JakartarsExtension
@JakartarsName("securitycam.json")
@JakartarsMediaType(MediaType.APPLICATION_JSON)
public class JsonFeature implements Feature {
    static final int MAX_DEPTH = 32;
    static final int MAX_STRING = 64 * 1024;

    @Override
    public boolean configure(FeatureContext context) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING).maxNumberLength(64).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        ObjectMapper mapper = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        context.register(new JacksonJsonProvider(mapper), MessageBodyReader.class, MessageBodyWriter.class);
        return true;
    }
}
