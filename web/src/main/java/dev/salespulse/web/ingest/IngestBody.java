package dev.salespulse.web.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.salespulse.web.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits an ingest body into its records, each the UTF-8 bytes of one JSON object, in order: NDJSON
 * (one object per non-blank line, bytes kept as sent), a JSON array (each element's bytes as sent)
 * or CSV with a header row (each row becomes an object of its non-empty cells). A record that is
 * not a JSON object is kept as it is, for the checks to reject with its reason; only a body whose
 * whole shape is broken (an unclosed array, CSV rows longer than the header) fails as a whole.
 */
public final class IngestBody {
  /** Columns whose CSV cells are numbers in the JSON they become (when they read as one). */
  private static final Set<String> NUMBER_COLUMNS =
      Set.of("amount", "dealValue", "durationSeconds", "value", "perUnitInReporting");

  /** Columns whose CSV cells are booleans ({@code true}/{@code false}). */
  private static final Set<String> BOOLEAN_COLUMNS = Set.of("active");

  /** Columns whose CSV cells hold JSON (an order's lines). */
  private static final Set<String> JSON_COLUMNS = Set.of("lines");

  /**
   * A number as a CSV cell may hold one: no exponent (a cell such as {@code 1e999999999} stays
   * text, for the checks to refuse, rather than becoming a billion digits).
   */
  private static final Pattern PLAIN_NUMBER = Pattern.compile("-?[0-9]{1,40}(\\.[0-9]{1,40})?");

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
          .build();
  private static final CsvMapper CSV = CsvMapper.builder().build();

  /** The shape of a body, from its {@code Content-Type} or a file's name. */
  public enum Format {
    NDJSON,
    JSON_ARRAY,
    CSV;

    /** The format a {@code Content-Type} names, or null when it names none of them. */
    public static Format ofContentType(String contentType) {
      if (contentType == null) {
        return null;
      }
      String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
      return switch (type) {
        case "application/x-ndjson", "application/ndjson", "application/jsonl" -> NDJSON;
        case "application/json" -> JSON_ARRAY;
        case "text/csv" -> CSV;
        default -> null;
      };
    }

    public String contentType() {
      return switch (this) {
        case NDJSON -> "application/x-ndjson";
        case JSON_ARRAY -> "application/json";
        case CSV -> "text/csv";
      };
    }
  }

  /** A body that cannot be split into records at all. */
  public static final class MalformedBodyException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedBodyException(String message) {
      super(message, null, false, false);
    }
  }

  /** A body of more records than allowed: splitting stops at the first one too many. */
  public static final class TooManyRecordsException extends Exception {
    private static final long serialVersionUID = 1L;

    TooManyRecordsException(int limit) {
      super("the body holds more than " + limit + " records; split it", null, false, false);
    }
  }

  private IngestBody() {}

  public static List<byte[]> records(byte[] body, Format format) throws MalformedBodyException {
    try {
      return records(body, format, Integer.MAX_VALUE);
    } catch (TooManyRecordsException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The records, refusing a body of more than {@code limit} before it holds them all. */
  public static List<byte[]> records(byte[] body, Format format, int limit)
      throws MalformedBodyException, TooManyRecordsException {
    Limited records = new Limited(limit);
    switch (format) {
      case NDJSON -> ndjson(body, records);
      case JSON_ARRAY -> jsonArray(body, records);
      case CSV -> csv(body, records);
    }
    return records;
  }

  /** A list that refuses to grow past its limit. */
  private static final class Limited extends ArrayList<byte[]> {
    private static final long serialVersionUID = 1L;
    private final int limit;

    Limited(int limit) {
      this.limit = limit;
    }

    void put(byte[] record) throws TooManyRecordsException {
      if (size() == limit) {
        throw new TooManyRecordsException(limit);
      }
      add(record);
    }
  }

  /** The non-blank lines, each without its line end ({@code \n} or {@code \r\n}). */
  private static void ndjson(byte[] body, Limited records) throws TooManyRecordsException {
    int start = 0;
    for (int i = 0; i <= body.length; i++) {
      if (i == body.length || body[i] == '\n') {
        int end = i;
        if (end > start && body[end - 1] == '\r') {
          end--;
        }
        if (!isBlank(body, start, end)) {
          records.put(Arrays.copyOfRange(body, start, end));
        }
        start = i + 1;
      }
    }
  }

  private static boolean isBlank(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != ' ' && bytes[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  /** Each element of a top-level JSON array, as the bytes it was sent with. */
  private static void jsonArray(byte[] body, Limited records)
      throws MalformedBodyException, TooManyRecordsException {
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new MalformedBodyException(
            "the body is not a JSON array; send an array of events, or NDJSON as"
                + " application/x-ndjson");
      }
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token == null) {
          throw new MalformedBodyException("the JSON array is not closed");
        }
        int start = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        parser.finishToken(); // a string's end is known only once it is read
        int end = (int) parser.currentLocation().getByteOffset();
        records.put(Arrays.copyOfRange(body, start, end));
      }
      if (parser.nextToken() != null) {
        throw new MalformedBodyException("there is more after the JSON array");
      }
    } catch (JsonProcessingException e) {
      String message = String.valueOf(e.getOriginalMessage());
      throw new MalformedBodyException(
          message.startsWith("Unexpected end-of-input")
              ? "the JSON array is not closed: the body ends inside it"
              : "the body is not JSON: " + brief(message) + location(e));
    } catch (IOException e) {
      throw new MalformedBodyException("the body is not JSON: " + brief(e.getMessage()));
    }
  }

  /**
   * The rows of CSV with a header row, each a map of header name to cell, read as they come. A row
   * with more or fewer cells than the header fails; an empty cell is written {@code a,,c}.
   */
  public static MappingIterator<Map<String, String>> csvRows(java.io.Reader csv)
      throws IOException {
    return CSV.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader())
        .with(CsvParser.Feature.TRIM_SPACES)
        .with(CsvParser.Feature.SKIP_EMPTY_LINES)
        .with(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS)
        .readValues(csv);
  }

  /** One JSON object per data row, of the row's non-empty cells named by the header row. */
  private static void csv(byte[] body, Limited records)
      throws MalformedBodyException, TooManyRecordsException {
    try (MappingIterator<Map<String, String>> rows =
        csvRows(new java.io.StringReader(new String(body, StandardCharsets.UTF_8)))) {
      while (rows.hasNextValue()) {
        records.put(toJson(rows.nextValue()));
      }
    } catch (IOException | RuntimeException e) {
      throw new MalformedBodyException("the CSV cannot be read: " + brief(e.getMessage()));
    }
  }

  /** A CSV row (header name to cell) as the JSON object it stands for: its non-empty cells. */
  public static byte[] toJson(Map<String, String> row) {
    ObjectNode object = Json.MAPPER.createObjectNode();
    row.forEach(
        (column, cell) -> {
          if (cell == null || cell.isEmpty()) {
            return;
          }
          object.set(column, cellValue(column, cell));
        });
    return Json.write(object).getBytes(StandardCharsets.UTF_8);
  }

  private static final ObjectReader CELL_READER =
      Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  /** A cell as the JSON value its column holds, or the text itself when it does not read as one. */
  private static JsonNode cellValue(String column, String cell) {
    if (NUMBER_COLUMNS.contains(column) && PLAIN_NUMBER.matcher(cell).matches()) {
      return cell.indexOf('.') < 0 && cell.length() <= 18
          ? Json.MAPPER.getNodeFactory().numberNode(Long.parseLong(cell))
          : Json.MAPPER.getNodeFactory().numberNode(new BigDecimal(cell));
    }
    if (BOOLEAN_COLUMNS.contains(column) && (cell.equals("true") || cell.equals("false"))) {
      return Json.MAPPER.getNodeFactory().booleanNode(Boolean.parseBoolean(cell));
    }
    if (JSON_COLUMNS.contains(column)) {
      try {
        // A field named twice is kept as text, which the event check refuses, rather than read as
        // its last value: what EventParser does with the same JSON in NDJSON.
        JsonNode json = CELL_READER.readTree(cell);
        Json.write(json); // a number such as 1e999999999 cannot be written plainly: keep the text
        return json;
      } catch (IOException | RuntimeException e) {
        return Json.MAPPER.getNodeFactory().textNode(cell);
      }
    }
    return Json.MAPPER.getNodeFactory().textNode(cell);
  }

  /** The first line of a parser's message, without its source-location suffix. */
  private static String brief(String message) {
    String text = String.valueOf(message);
    int newline = text.indexOf('\n');
    text = newline > 0 ? text.substring(0, newline) : text;
    int source = text.indexOf(" (start marker");
    return source > 0 ? text.substring(0, source) : text;
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }
}
