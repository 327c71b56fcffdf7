package dev.salespulse.web.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salespulse.web.json.Json;
import org.junit.jupiter.api.Test;

class JsonPathTest {
  private static final JsonNode ORDER =
      read(
          """
          {"id":7,"customer":{"id":9,"email":null},
           "notes":[{"name":"a","value":"1"},{"name":"rep","value":"rep-7"}],
           "tx":[{"kind":"refund","status":"success","amount":"1.50"},
                 {"kind":"refund","status":"failure","amount":"9.00"},
                 {"kind":"sale","status":"success","amount":"5.00"},
                 {"kind":"refund","status":"success","amount":2.25}]}
          """);

  @Test
  void shouldFollowFieldsIndexesAndFilters() {
    assertThat(texts("customer.id")).isEqualTo("9");
    assertThat(texts("notes[1].value")).isEqualTo("rep-7");
    assertThat(texts("notes[name=rep].value")).isEqualTo("rep-7");
    assertThat(texts("tx[kind=refund][status=success].amount")).isEqualTo("1.50 2.25");
    assertThat(texts("tx[*].kind")).isEqualTo("refund refund sale refund");
    assertThat(texts("[*].id")).isEmpty();
    assertThat(JsonPath.parse("[1].id").all(read("[{\"id\":1},{\"id\":2}]")))
        .extracting(JsonNode::asInt)
        .containsExactly(2);
  }

  @Test
  void shouldGiveNothingForMissingOrNullValues() {
    assertThat(texts("customer.email")).isEmpty();
    assertThat(texts("customer.phone")).isEmpty();
    assertThat(texts("notes[5].value")).isEmpty();
    assertThat(texts("id.more")).isEmpty();
    assertThat(texts("notes[name=none].value")).isEmpty();
  }

  @Test
  void shouldSayWhatIsWrongWithABadPath() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> JsonPath.parse("a..b"))
        .withMessage("path 'a..b' has an empty field name");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> JsonPath.parse("a[x"))
        .withMessage("path 'a[x' has a '[' without ']'");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> JsonPath.parse("a[-1]"))
        .withMessage("path 'a[-1]' has '[-1]': expected [n], [*] or [name=value]");
    assertThatIllegalArgumentException().isThrownBy(() -> JsonPath.parse(" "));
  }

  private static String texts(String path) {
    return String.join(
        " ", JsonPath.parse(path).all(ORDER).stream().map(Conversion::text).toList());
  }

  private static JsonNode read(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
