package dev.salespulse.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SALESPULSE_HTTP_MAX_CONNECTIONS never takes more than half the files the process may open. */
class ConnectionCapTest {

  @Test
  void keepsTheSettingWhereTheOpenFileLimitIsAmple() {
    assertThat(ConnectionCap.capped(4000, 20_000)).isEqualTo(4000);
    assertThat(ConnectionCap.capped(4000, 1_048_576)).isEqualTo(4000);
  }

  @Test
  void lowersItToHalfASmallOpenFileLimit() {
    assertThat(ConnectionCap.capped(4000, 1024)).isEqualTo(512);
    assertThat(ConnectionCap.capped(4000, 20)).isEqualTo(16);
  }

  @Test
  void keepsTheSettingWhereTheLimitIsUnknown() {
    assertThat(ConnectionCap.capped(4000, -1)).isEqualTo(4000);
  }
}
