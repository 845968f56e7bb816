package io.wanjia.commons.rest;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Reads query and path parameters of the types our endpoints take (dates, numbers, booleans, ids, enums) and
 * answers a value that cannot be read, or a date outside {@link InputBounds}, with 400 naming the parameter and
 * what it must be — instead of the 404 a failed conversion gets by default.
 */
@Provider
public class BoundedParams implements ParamConverterProvider {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> type, Type genericType, Annotation[] annotations) {
        String name = nameOf(annotations);
        if (name == null) {
            return null;
        }
        if (type == LocalDate.class) {
            return (ParamConverter<T>) converter(name, "date", "must be an ISO date (yyyy-MM-dd) from " + InputBounds.EARLIEST_DATE
                    + " to " + InputBounds.LATEST_DATE, text -> {
                        LocalDate date = LocalDate.parse(text);
                        if (!InputBounds.plausible(date)) {
                            throw new IllegalArgumentException("outside the window");
                        }
                        return date;
                    });
        }
        if (type == Integer.class || type == int.class) {
            return (ParamConverter<T>) converter(name, "integer", "must be a whole number", Integer::valueOf);
        }
        if (type == Long.class || type == long.class) {
            return (ParamConverter<T>) converter(name, "integer", "must be a whole number", Long::valueOf);
        }
        if (type == Boolean.class || type == boolean.class) {
            return (ParamConverter<T>) converter(name, "boolean", "must be true or false", text -> switch (text) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException(text);
            });
        }
        if (type == UUID.class) {
            return (ParamConverter<T>) converter(name, "uuid", "must be a UUID", UUID::fromString);
        }
        if (type.isEnum()) {
            Class<? extends Enum> enumType = (Class<? extends Enum>) type;
            String values = Arrays.stream(enumType.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            return (ParamConverter<T>) converter(name, "enum", "must be one of " + values, text -> Enum.valueOf(enumType, text));
        }
        return null;
    }

    private static <T> ParamConverter<T> converter(String name, String rule, String sentence, Function<String, T> read) {
        return new ParamConverter<>() {
            @Override
            public T fromString(String text) {
                if (text == null) {
                    return null;
                }
                try {
                    return read.apply(text);
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    throw new InvalidParameterException(name, rule, sentence);
                }
            }

            @Override
            public String toString(T value) {
                return value == null ? null : value.toString();
            }
        };
    }

    private static String nameOf(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
            if (annotation instanceof PathParam path) {
                return path.value();
            }
            if (annotation instanceof RestQuery query) {
                return query.value();
            }
            if (annotation instanceof RestPath path) {
                return path.value();
            }
        }
        return null;
    }
}
