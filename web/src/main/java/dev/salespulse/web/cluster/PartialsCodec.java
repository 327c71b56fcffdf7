package dev.salespulse.web.cluster;

import dev.salespulse.streams.query.Period;
import dev.salespulse.streams.query.PeriodRange;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a partial-sums request travels between instances: a resolved period is sent as it is (its
 * instants and days), so every instance sums exactly the same buckets whatever its own clock says.
 */
final class PartialsCodec {
  private PartialsCodec() {}

  static String query(String scopeOrPrefix, PeriodRange range) {
    return "scope="
        + encode(scopeOrPrefix)
        + "&period="
        + range.period().code()
        + "&from="
        + encode(range.from().toString())
        + "&to="
        + encode(range.to().toString())
        + "&days="
        + encode(range.days().stream().map(LocalDate::toString).collect(Collectors.joining(",")));
  }

  static String query(String scope, Instant from, Instant to) {
    return "scope="
        + encode(scope)
        + "&from="
        + encode(from.toString())
        + "&to="
        + encode(to.toString());
  }

  static PeriodRange range(Function<String, String> params) {
    String days = params.apply("days");
    List<LocalDate> dates =
        days == null || days.isBlank()
            ? List.of()
            : Arrays.stream(days.split(",")).map(LocalDate::parse).toList();
    return new PeriodRange(
        Period.parse(params.apply("period")),
        Instant.parse(params.apply("from")),
        Instant.parse(params.apply("to")),
        dates);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
