package io.wanjia.commons.cloudevents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.wanjia.commons.inbox.RejectedEventException;
import io.wanjia.contracts.EventType;

/** Checks event data against the JSON Schemas of the contracts module, loaded once. */
@Singleton
public class EventSchemas {

    private final Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);

    public EventSchemas() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        for (EventType type : EventType.values()) {
            try (InputStream in = EventType.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("no schema on the class path for " + type.type());
                }
                schemas.put(type, factory.getSchema(in, config));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Throws {@link RejectedEventException} naming the first field at fault when {@code data} breaks the schema. */
    public void validate(EventType type, JsonNode data) {
        var errors = schemas.get(type).validate(data);
        if (!errors.isEmpty()) {
            ValidationMessage first = errors.iterator().next();
            String field = first.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "").replaceFirst("^/", "").replace('/', '.');
            if (field.isEmpty() && first.getProperty() != null) {
                field = first.getProperty();
            }
            // The schema messages quote the offending value; keep only the rule so no national ID leaks.
            String rules = errors.stream().map(m -> m.getType() + " " + m.getInstanceLocation())
                    .distinct().limit(5).collect(Collectors.joining("; "));
            throw new RejectedEventException("data." + (field.isEmpty() ? "?" : field),
                    "breaks the schema of " + type.type() + " (" + rules + ")");
        }
    }
}
