package social.atoll.infra.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * The typed codec for JSON kept in text columns (and the few small JSON documents core reads from tools and
 * remote servers, such as ffprobe's output and oEmbed answers), so that core works with records, lists and maps
 * and never with Jackson. It writes with the application's one JSON configuration, which is how the stored
 * columns were written all along; a value it cannot write or read fails with one {@link JsonColumnException}.
 */
public final class JsonColumns {

    private final ObjectMapper json;

    public JsonColumns(ObjectMapper json) { this.json = json; }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new JsonColumnException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The document as a {@code type}; null for a null or blank column. */
    public <T> T read(String column, Class<T> type) { return read(column, json.getTypeFactory().constructType(type)); }

    /** A JSON array of {@code element}s; empty for a null or blank column. */
    public <E> List<E> readList(String column, Class<E> element) {
        List<E> list = read(column, json.getTypeFactory().constructCollectionType(List.class, element));
        return list == null ? List.of() : list;
    }

    /** A JSON object as a map (values: strings, numbers, booleans, lists, maps); empty for a null or blank column. */
    public Map<String, Object> readMap(String column) {
        Map<String, Object> map = read(column, json.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
        return map == null ? Map.of() : map;
    }

    private <T> T read(String column, JavaType type) {
        if (column == null || column.isBlank()) return null;
        try {
            return json.readValue(column, type);
        } catch (JsonProcessingException e) {
            throw new JsonColumnException("Cannot read JSON as " + type.toCanonical(), e);
        }
    }

    /** A JSON value that could not be written, or a stored document that is not the expected shape. */
    public static final class JsonColumnException extends RuntimeException {
        JsonColumnException(String message, Throwable cause) { super(message, cause); }
    }
}
