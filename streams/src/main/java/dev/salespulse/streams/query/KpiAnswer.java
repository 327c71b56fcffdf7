package dev.salespulse.streams.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * The KPIs of one scope over one period, in the shape of {@code GET /api/v1/kpis}. A KPI without a
 * meaning yet is {@code null}; money values are {@link java.math.BigDecimal}s with the configured
 * number of fraction digits.
 *
 * @param asOf the newest event time counted, or null when nothing was counted
 * @param stale whether the answer may lag (served during a rebalance or restore)
 * @param targets for every metric with a target for this scope and period: target, attainment,
 *     pace, projected and gap (the revenue ones are also in {@code kpis})
 */
public record KpiAnswer(
    String scope,
    String name,
    String period,
    Instant from,
    Instant to,
    String timezone,
    Instant asOf,
    boolean stale,
    String currency,
    Map<String, Object> kpis,
    Map<String, Map<String, BigDecimal>> targets) {}
