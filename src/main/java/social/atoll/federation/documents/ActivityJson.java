package social.atoll.federation.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * Content negotiation and output of ActivityStreams documents. Served with exactly
 * {@code application/activity+json; charset=utf-8} (Pixelfed compares the string) and {@code Vary: Accept,
 * Signature}, since the same URL answers HTML to browsers and may answer differently to signed requests.
 */
public final class ActivityJson {

    public static final String CONTENT_TYPE = "application/activity+json; charset=utf-8";
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private ActivityJson() {}

    /** The client asked for ActivityStreams ({@code application/activity+json} or {@code application/ld+json}). */
    public static boolean wanted(Context ctx) {
        String accept = ctx.header("Accept");
        if (accept == null) return false;
        String a = accept.toLowerCase(Locale.ROOT);
        return a.contains("application/activity+json") || a.contains("application/ld+json");
    }

    public static void send(Context ctx, JsonNode doc) {
        try {
            ctx.header("Vary", "Accept, Signature");
            ctx.header("Cache-Control", "max-age=0, private");
            ctx.contentType(CONTENT_TYPE).result(PLAIN.writeValueAsBytes(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
