package dev.salespulse.web.http;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Writes RFC 4180 CSV: fields separated by commas, rows ended by CRLF, a field quoted (its quotes
 * doubled) when it holds a comma, a quote, a CR or an LF. Numbers are written exactly as the answer
 * holds them ({@link BigDecimal#toPlainString}: never an exponent), instants as ISO-8601, null as
 * an empty field.
 *
 * <p>Text that a spreadsheet would take for a formula (starting with {@code =}, {@code +}, {@code
 * -}, {@code @}, a tab or a CR) gets a leading {@code '}, so a rep named {@code =HYPERLINK(…)}
 * stays a name when a manager opens the file in Excel. Numbers are never changed: a negative
 * revenue stays {@code -12.50}.
 */
final class CsvWriter {
  private static final String FORMULA_STARTS = "=+-@\t\r";
  private final StringBuilder out = new StringBuilder();
  private boolean rowStarted;

  CsvWriter row(Object... fields) {
    for (Object field : fields) {
      field(field);
    }
    return end();
  }

  /** Adds a field to the current row: text, a whole number, a decimal, an instant or null. */
  CsvWriter field(Object value) {
    String text;
    if (value == null) {
      text = "";
    } else if (value instanceof String s) {
      text = neutralised(s);
    } else if (value instanceof BigDecimal decimal) {
      text = decimal.toPlainString();
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Boolean
        || value instanceof Instant) {
      text = value.toString();
    } else {
      throw new IllegalStateException("no CSV form for a " + value.getClass().getSimpleName());
    }
    if (rowStarted) {
      out.append(',');
    }
    rowStarted = true;
    out.append(quotedIfNeeded(text));
    return this;
  }

  CsvWriter end() {
    out.append("\r\n");
    rowStarted = false;
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  static String neutralised(String text) {
    return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
  }

  private static String quotedIfNeeded(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == '"' || c == '\r' || c == '\n') {
        return '"' + text.replace("\"", "\"\"") + '"';
      }
    }
    return text;
  }
}
