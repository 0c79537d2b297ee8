package org.llmgate.testsupport.fake;

import jakarta.json.JsonObject;

/** An error answer as a provider sends it: the HTTP status and the JSON body. */
public record ErrorReply(int status, JsonObject body) {

    /** The scripted message when there is one, else the provider's own words. */
    public static String orDefault(String message, String providersWords) {
        return message == null ? providersWords : message;
    }
}
