package dev.salespulse.web.http;

import dev.salespulse.streams.query.KpiAnswer;
import dev.salespulse.streams.query.LeaderboardAnswer;
import dev.salespulse.streams.query.Metric;
import dev.salespulse.streams.query.TableAnswer;
import dev.salespulse.streams.query.TimeseriesAnswer;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read API's answers as CSV files ({@code format=csv}): one header row, then one row per row of
 * the JSON answer, in its order. A file is named {@code salespulse-<what>-<period>-<date>.csv},
 * where the date is the period's first day in the business time zone.
 */
final class CsvExport {
  static final String CONTENT_TYPE = "text/csv; charset=utf-8";
  private static final int MAX_NAME_PART = 64;
  private static final Set<String> TARGET_MONEY = Set.of("target", "projected", "gap");
  private static final List<String> TABLE_KPIS = tableKpis();

  /** A CSV file: its suggested name and its text. */
  record File(String name, String text) {}

  private CsvExport() {}

  static void send(Context ctx, File file) {
    ctx.contentType(CONTENT_TYPE)
        .header("Content-Disposition", "attachment; filename=\"" + file.name() + "\"")
        .result(file.text());
  }

  /**
   * One row: the scope, its period and every KPI of the JSON answer's {@code kpis}. Targets of
   * metrics other than revenue are only in the JSON answer.
   */
  static File kpis(KpiAnswer answer) {
    List<String> header =
        new ArrayList<>(List.of("scope", "name", "period", "from", "to", "asOf", "currency"));
    List<Object> row =
        new ArrayList<>(
            List.of(answer.scope(), answer.name(), answer.period(), answer.from(), answer.to()));
    row.add(answer.asOf());
    row.add(answer.currency());
    // Revenue carries the configured currency digits; a target is stored as given (5000).
    int digits = ((BigDecimal) answer.kpis().get(Metric.REVENUE.code())).scale();
    for (Map.Entry<String, Object> kpi : answer.kpis().entrySet()) {
      header.add(kpi.getKey());
      row.add(
          TARGET_MONEY.contains(kpi.getKey())
              ? atLeast((BigDecimal) kpi.getValue(), digits)
              : kpi.getValue());
    }
    CsvWriter csv = new CsvWriter().row(header.toArray()).row(row.toArray());
    return file(answer.timezone(), answer.from(), csv, "kpis", answer.scope(), answer.period());
  }

  /** {@code rank,scope,name,<metric>,attainment}: the value's column is named by the metric. */
  static File leaderboard(LeaderboardAnswer answer) {
    CsvWriter csv = new CsvWriter().row("rank", "scope", "name", answer.metric(), "attainment");
    for (LeaderboardAnswer.Row row : answer.rows()) {
      csv.row(row.rank(), row.scope(), row.name(), row.value(), row.attainment());
    }
    return file(
        answer.timezone(),
        answer.from(),
        csv,
        "leaderboard",
        answer.dimension(),
        answer.metric(),
        answer.period());
  }

  /** {@code t,<metric>}: a point's start and its value. */
  static File timeseries(TimeseriesAnswer answer) {
    CsvWriter csv = new CsvWriter().row("t", answer.metric());
    for (TimeseriesAnswer.Point point : answer.points()) {
      csv.row(point.t(), point.value());
    }
    return file(
        answer.timezone(),
        answer.from(),
        csv,
        "timeseries",
        answer.scope(),
        answer.metric(),
        answer.step(),
        answer.period());
  }

  /**
   * {@code scope,name,team,region}, then every KPI of the table's rows: revenue and its target's
   * progress first, as the manager view shows them. Team and region are display names.
   */
  static File table(TableAnswer answer) {
    List<String> header = new ArrayList<>(List.of("scope", "name", "team", "region"));
    header.addAll(TABLE_KPIS);
    CsvWriter csv = new CsvWriter().row(header.toArray());
    for (TableAnswer.Row row : answer.rows()) {
      csv.field(row.scope()).field(row.name()).field(row.teamName());
      csv.field(
          row.region() == null ? null : row.region().substring(row.region().indexOf(':') + 1));
      for (String kpi : header.subList(4, header.size())) {
        csv.field(row.kpis().get(kpi));
      }
      csv.end();
    }
    return file(
        answer.timezone(),
        answer.from(),
        csv,
        answer.dimension() + "s",
        answer.scope(),
        answer.period());
  }

  private static List<String> tableKpis() {
    List<String> kpis =
        new ArrayList<>(List.of("revenue", "target", "attainment", "pace", "projected", "gap"));
    Metric.SUMMED.stream()
        .map(Metric::code)
        .filter(code -> !kpis.contains(code))
        .forEach(kpis::add);
    return List.copyOf(kpis);
  }

  private static BigDecimal atLeast(BigDecimal money, int digits) {
    return money == null || money.scale() >= digits ? money : money.setScale(digits);
  }

  private static File file(
      String timezone, Instant from, CsvWriter csv, String what, String... parts) {
    StringBuilder name = new StringBuilder("salespulse-").append(what);
    for (String part : parts) {
      name.append('-').append(safe(part));
    }
    LocalDate day = LocalDate.ofInstant(from, ZoneId.of(timezone));
    return new File(name.append('-').append(day).append(".csv").toString(), csv.toString());
  }

  /** A file name part: letters, digits, dots and dashes only (team:north → team-north). */
  private static String safe(String part) {
    String safe = part.replaceAll("[^A-Za-z0-9.-]+", "-");
    return safe.length() <= MAX_NAME_PART ? safe : safe.substring(0, MAX_NAME_PART);
  }
}
