package dev.salespulse.web.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestBodyTest {

  @Test
  void shouldSplitNdjsonIntoItsNonBlankLinesAsSent() throws Exception {
    String body = "{\"a\":1.50}\r\n\n  \n{\"b\":2}\n{broken";

    assertThat(texts(IngestBody.records(bytes(body), IngestBody.Format.NDJSON)))
        .containsExactly("{\"a\":1.50}", "{\"b\":2}", "{broken");
  }

  @Test
  void shouldKeepEachArrayElementsBytesIncludingNonObjects() throws Exception {
    String body = "[ {\"amount\":1250.50, \"x\":[1,{\"y\":2}]} ,\"text\", 7 ,null]";

    assertThat(texts(IngestBody.records(bytes(body), IngestBody.Format.JSON_ARRAY)))
        .containsExactly("{\"amount\":1250.50, \"x\":[1,{\"y\":2}]}", "\"text\"", "7", "null");
  }

  @Test
  void shouldRefuseAWholeBodyThatIsNoArray() {
    assertThatThrownBy(() -> IngestBody.records(bytes("{\"a\":1}"), IngestBody.Format.JSON_ARRAY))
        .hasMessageContaining("not a JSON array");
    assertThatThrownBy(() -> IngestBody.records(bytes("[{\"a\":1}"), IngestBody.Format.JSON_ARRAY))
        .hasMessage("the JSON array is not closed: the body ends inside it");
    assertThatThrownBy(() -> IngestBody.records(bytes("[1] [2]"), IngestBody.Format.JSON_ARRAY))
        .hasMessage("there is more after the JSON array");
  }

  @Test
  void shouldTurnCsvRowsIntoObjectsOfTheirNonEmptyCells() throws Exception {
    String body =
        "eventId,type,amount,durationSeconds,active,lines,note\n"
            + "e-1,ORDER_PLACED,1250.50,,true,\"[{\"\"sku\"\":\"\"S-1\"\",\"\"quantity\"\":2}]\",\"a, b\"\n"
            + "\n"
            + "e-2,CALL,1e999999999,240,maybe,[oops,=1+2\n";

    assertThat(texts(IngestBody.records(bytes(body), IngestBody.Format.CSV)))
        .containsExactly(
            "{\"eventId\":\"e-1\",\"type\":\"ORDER_PLACED\",\"amount\":1250.50,\"active\":true,"
                + "\"lines\":[{\"sku\":\"S-1\",\"quantity\":2}],\"note\":\"a, b\"}",
            "{\"eventId\":\"e-2\",\"type\":\"CALL\",\"amount\":\"1e999999999\","
                + "\"durationSeconds\":240,\"active\":\"maybe\",\"lines\":\"[oops\","
                + "\"note\":\"=1+2\"}");
  }

  @Test
  void shouldRefuseCsvRowsLongerThanTheHeader() {
    assertThatThrownBy(() -> IngestBody.records(bytes("a,b\n1,2,3\n"), IngestBody.Format.CSV))
        .hasMessageStartingWith("the CSV cannot be read");
  }

  @Test
  void shouldStopSplittingAtTheFirstRecordOverTheLimit() {
    byte[] tiny = "x\n".repeat(20_000).getBytes(StandardCharsets.UTF_8);
    byte[] zeros = ("[" + "0,".repeat(20_000) + "0]").getBytes(StandardCharsets.UTF_8);
    byte[] rows = ("a\n" + "1\n".repeat(20_000)).getBytes(StandardCharsets.UTF_8);

    for (var body :
        java.util.Map.of(
                IngestBody.Format.NDJSON, tiny,
                IngestBody.Format.JSON_ARRAY, zeros,
                IngestBody.Format.CSV, rows)
            .entrySet()) {
      assertThatThrownBy(() -> IngestBody.records(body.getValue(), body.getKey(), 10_000))
          .as(body.getKey().name())
          .isInstanceOf(IngestBody.TooManyRecordsException.class)
          .hasMessage("the body holds more than 10000 records; split it");
    }
  }

  @Test
  void shouldKeepAJsonCellThatCannotBeWrittenAsText() throws Exception {
    String body = "eventId,lines\ne-1,[1e999999999]\n";

    assertThat(texts(IngestBody.records(bytes(body), IngestBody.Format.CSV)))
        .containsExactly("{\"eventId\":\"e-1\",\"lines\":\"[1e999999999]\"}");
  }

  /** As EventParser refuses a field named twice in NDJSON, a CSV cell's JSON is not read so. */
  @Test
  void shouldKeepAJsonCellThatNamesAFieldTwiceAsText() throws Exception {
    String body = "eventId,lines\ne-1,\"[{\"\"sku\"\":\"\"a\"\",\"\"sku\"\":\"\"b\"\"}]\"\n";

    assertThat(texts(IngestBody.records(bytes(body), IngestBody.Format.CSV)))
        .containsExactly(
            "{\"eventId\":\"e-1\",\"lines\":\"[{\\\"sku\\\":\\\"a\\\",\\\"sku\\\":\\\"b\\\"}]\"}");
  }

  @Test
  void shouldKnowTheFormatsByContentType() {
    assertThat(IngestBody.Format.ofContentType("application/x-ndjson; charset=utf-8"))
        .isEqualTo(IngestBody.Format.NDJSON);
    assertThat(IngestBody.Format.ofContentType("Application/JSON"))
        .isEqualTo(IngestBody.Format.JSON_ARRAY);
    assertThat(IngestBody.Format.ofContentType("text/csv")).isEqualTo(IngestBody.Format.CSV);
    assertThat(IngestBody.Format.ofContentType("text/plain")).isNull();
    assertThat(IngestBody.Format.ofContentType(null)).isNull();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> texts(List<byte[]> records) {
    return records.stream().map(r -> new String(r, StandardCharsets.UTF_8)).toList();
  }
}
