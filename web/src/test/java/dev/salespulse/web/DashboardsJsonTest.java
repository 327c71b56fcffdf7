package dev.salespulse.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards are well-formed and use the provisioned datasource. That every metric they
 * read exists is checked against a real scrape in {@link PrometheusScrapeTest}.
 */
class DashboardsJsonTest {
  private static final Path PROVISIONING =
      RepoFiles.dashboards().resolve("grafana").resolve("provisioning");

  @Test
  void bothDashboardsExistWithUniqueUidsAndPanelIds() {
    List<Path> files = DashboardFiles.files();
    Set<String> titles = new HashSet<>();
    Set<String> uids = new HashSet<>();
    for (Path file : files) {
      JsonNode dashboard = DashboardFiles.read(file);
      titles.add(dashboard.path("title").asText());
      assertThat(uids.add(dashboard.path("uid").asText())).as("unique uid in %s", file).isTrue();
      Set<Integer> ids = new HashSet<>();
      for (JsonNode panel : DashboardFiles.panels(dashboard)) {
        assertThat(ids.add(panel.path("id").asInt()))
            .as("unique panel id %s in %s", panel.path("id"), file)
            .isTrue();
        assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
        assertThat(panel.path("title").asText()).isNotBlank();
      }
    }
    assertThat(titles).containsExactlyInAnyOrder("Sales floor", "SalesPulse service");
  }

  @Test
  void everyPanelQueriesTheProvisionedDatasource() throws Exception {
    String datasources =
        Files.readString(PROVISIONING.resolve("datasources").resolve("prometheus.yml"));
    assertThat(datasources).contains("uid: prometheus").contains("type: prometheus");
    for (Path file : DashboardFiles.files()) {
      for (JsonNode panel : DashboardFiles.panels(DashboardFiles.read(file))) {
        if (panel.path("type").asText().equals("row")) {
          continue;
        }
        assertThat(panel.path("datasource").path("uid").asText())
            .as("datasource of '%s' in %s", panel.path("title").asText(), file)
            .isEqualTo("prometheus");
        assertThat(panel.path("targets")).as("targets of '%s'", panel.path("title")).isNotEmpty();
      }
    }
  }

  @Test
  void everyQueryReadsSomeMetric() {
    List<DashboardFiles.Query> queries = DashboardFiles.queries();
    assertThat(queries).hasSizeGreaterThan(20);
    for (DashboardFiles.Query query : queries) {
      assertThat(PromQl.metricNames(DashboardFiles.selectorOf(query.expr())))
          .as("metrics of '%s' in %s: %s", query.panel(), query.dashboard(), query.expr())
          .isNotEmpty();
    }
  }

  /**
   * Grafana's Prometheus datasource names a query's value field {@code Value #<refId>} and gives
   * each label (the {@code scope}) a column only for a query in table format; in the default time
   * series format every result is a series named by its legend. A panel that renames {@code Value
   * #A} (organize transformation) therefore needs query A in table format, or the rename finds
   * nothing and the label columns are missing.
   */
  @Test
  void tablesThatRenameValueFieldsQueryInTableFormat() {
    Pattern valueOfQuery = Pattern.compile("Value #(\\w+)");
    int renamed = 0;
    for (Path file : DashboardFiles.files()) {
      for (JsonNode panel : DashboardFiles.panels(DashboardFiles.read(file))) {
        for (JsonNode transformation : panel.path("transformations")) {
          for (String field :
              (Iterable<String>)
                  () -> transformation.path("options").path("renameByName").fieldNames()) {
            Matcher refId = valueOfQuery.matcher(field);
            if (!refId.matches()) {
              continue;
            }
            renamed++;
            for (JsonNode target : panel.path("targets")) {
              if (target.path("refId").asText().equals(refId.group(1))) {
                assertThat(target.path("format").asText())
                    .as(
                        "format of query %s of '%s' in %s",
                        refId.group(1), panel.path("title"), file)
                    .isEqualTo("table");
              }
            }
          }
        }
      }
    }
    assertThat(renamed).as("renamed value fields").isPositive();
  }

  @Test
  void dashboardProviderPointsWhereComposeMountsTheDashboards() throws Exception {
    String provider =
        Files.readString(PROVISIONING.resolve("dashboards").resolve("salespulse.yml"));
    assertThat(provider).contains("path: /var/lib/grafana/dashboards/salespulse");
  }
}
