package dev.salespulse.streams.query;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The spacing of a time series' points, aligned to the business time zone's clock. */
public enum Step {
  MINUTE("1m", Duration.ofMinutes(1)),
  FIVE_MINUTES("5m", Duration.ofMinutes(5)),
  QUARTER_HOUR("15m", Duration.ofMinutes(15)),
  HOUR("1h", Duration.ofHours(1)),
  DAY("1d", Duration.ofDays(1));

  private final String code;
  private final Duration length;

  Step(String code, Duration length) {
    this.code = code;
    this.length = length;
  }

  public String code() {
    return code;
  }

  /** The nominal length; a business day may be 23 or 25 hours long. */
  public Duration length() {
    return length;
  }

  /**
   * @throws IllegalArgumentException naming the known steps
   */
  public static Step parse(String code) {
    return Arrays.stream(values())
        .filter(s -> s.code.equals(code))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown step '"
                        + code
                        + "'; known steps: "
                        + Arrays.stream(values())
                            .map(Step::code)
                            .collect(Collectors.joining(", "))));
  }
}
