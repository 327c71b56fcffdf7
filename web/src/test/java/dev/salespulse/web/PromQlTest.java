package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

  @Test
  void findsTheMetricsAndLeavesOutFunctionsLabelsAndVariables() {
    assertThat(
            PromQl.metricNames(
                "histogram_quantile(0.95, sum by (le) (rate(salespulse_event_freshness_seconds_bucket{job=\"x\"}[$__rate_interval])))"))
        .containsExactly("salespulse_event_freshness_seconds_bucket");
    assertThat(
            PromQl.metricNames(
                "sum(increase(salespulse_events_processed_total{topic=~\".*sales\\\\.orders\"}[15m] offset 1w)) > 0 and on () salespulse:business_hours:max == 1"))
        .containsExactly("salespulse:business_hours:max", "salespulse_events_processed_total");
    assertThat(
            PromQl.metricNames(
                "sort_desc(max by (scope) (salespulse_revenue{scope=~\"$team\", period=\"$period\"}))"))
        .containsExactly("salespulse_revenue");
    assertThat(PromQl.metricNames("up{job=\"salespulse\"} == 0")).containsExactly("up");
    assertThat(
            PromQl.metricNames(
                "sum by (route) (rate(a_sum[5m])) / ignoring(x) sum without (instance) (b_count)"))
        .containsExactly("a_sum", "b_count");
  }
}
