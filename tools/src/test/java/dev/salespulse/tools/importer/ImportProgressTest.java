package dev.salespulse.tools.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ImportProgressTest {

  @Test
  void shouldDrawABarInPlaceOnATerminal() {
    StringWriter out = new StringWriter();
    ImportProgress progress = new ImportProgress(new PrintWriter(out), true);

    progress.fileDone("orders.csv", 2_000, 1_234_567, 3);

    assertThat(out.toString())
        .isEqualTo(
            "\rorders.csv [##############################] 100%  1,234,567 accepted, 3 rejected  "
                + System.lineSeparator());
  }

  @Test
  void shouldWritePlainLinesElsewhere() {
    StringWriter out = new StringWriter();
    ImportProgress progress = new ImportProgress(new PrintWriter(out), false);

    progress.fileDone("reps.csv", 0, 12, 0);

    assertThat(out.toString())
        .isEqualTo("reps.csv: 100 % read, 12 accepted, 0 rejected" + System.lineSeparator());
  }
}
