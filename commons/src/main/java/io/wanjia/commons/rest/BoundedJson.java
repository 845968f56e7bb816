package io.wanjia.commons.rest;

import java.io.IOException;
import java.time.LocalDate;

import jakarta.inject.Inject;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;

/**
 * Holds every JSON request body to {@link InputBounds} while it is read, whatever the request record says: no text
 * with a NUL (PostgreSQL stores none) or longer than {@link InputBounds#MAX_TEXT_LENGTH}, no date outside the
 * window. Only the REST layer reads with it (a JAX-RS {@link ContextResolver}, a copy of the application's mapper):
 * the injected {@code ObjectMapper} stays as it is for what the services read themselves — outbox rows, stored
 * snapshots, events — where the contract's schemas, not these bounds, are the rule.
 */
@Provider
public class BoundedJson implements ContextResolver<ObjectMapper> {

    private final ObjectMapper bounded;

    @Inject
    public BoundedJson(ObjectMapper application) {
        SimpleModule bounds = new SimpleModule("wanjia-input-bounds");
        bounds.addDeserializer(String.class, new BoundedText());
        bounds.addDeserializer(LocalDate.class, new BoundedDate());
        this.bounded = application.copy().registerModule(bounds);
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return bounded;
    }

    /** Text without NUL characters and of bounded length. */
    static final class BoundedText extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            if (text != null && text.indexOf('\0') >= 0) {
                throw new InputRejectedException(parser, "no-nul", "contains a NUL character");
            }
            if (text != null && text.length() > InputBounds.MAX_TEXT_LENGTH) {
                throw new InputRejectedException(parser, "length", "is longer than " + InputBounds.MAX_TEXT_LENGTH + " characters");
            }
            return text;
        }
    }

    /** ISO dates (read by Jackson's own reader) within the plausible window. */
    static final class BoundedDate extends StdScalarDeserializer<LocalDate> {

        BoundedDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            LocalDate date = LocalDateDeserializer.INSTANCE.deserialize(parser, context);
            if (date != null && !InputBounds.plausible(date)) {
                throw new InputRejectedException(parser, "date-range", InputBounds.dateRule());
            }
            return date;
        }
    }
}
