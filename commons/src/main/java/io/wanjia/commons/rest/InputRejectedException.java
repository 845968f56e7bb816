package io.wanjia.commons.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A JSON body value outside {@link InputBounds}, thrown while the body is read: Jackson adds the field's path,
 * and the problem mapper answers 400 naming the field and {@link #rule()}. The message never quotes the value.
 */
public class InputRejectedException extends JsonMappingException {

    private final String rule;
    private final String sentence;

    public InputRejectedException(JsonParser parser, String rule, String sentence) {
        super(parser, sentence);
        this.rule = rule;
        this.sentence = sentence;
    }

    /** The rule broken, e.g. {@code date-range}. */
    public String rule() {
        return rule;
    }

    /** What is wrong, to follow the field's name, e.g. "contains a NUL character". */
    public String sentence() {
        return sentence;
    }
}
