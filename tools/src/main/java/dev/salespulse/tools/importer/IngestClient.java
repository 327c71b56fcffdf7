package dev.salespulse.tools.importer;

import dev.salespulse.web.ingest.IngestResult;
import dev.salespulse.web.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * Sends batches of records to a running SalesPulse's write routes, as NDJSON with the ingest token,
 * and reads back what became of each. A batch the cluster did not acknowledge (503) is sent again a
 * few times, which is safe: SalesPulse drops duplicate event ids, and reference data is replaced by
 * key.
 */
final class IngestClient {
  private static final int ATTEMPTS = 5;
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;
  private final String token;

  IngestClient(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  IngestResult send(ImportKind kind, List<byte[]> records)
      throws ImportException, InterruptedException {
    byte[] body = ndjson(records);
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response = post(kind, body);
      int status = response.statusCode();
      if (status == 200 || (status == 503 && attempt == ATTEMPTS && isResult(response))) {
        return read(response);
      }
      if (status == 503 && attempt < ATTEMPTS) {
        Thread.sleep(backoff.toMillis()); // a command-line client between retries, not a server
        backoff = backoff.multipliedBy(2);
        continue;
      }
      throw refused(kind, response);
    }
  }

  private HttpResponse<String> post(ImportKind kind, byte[] body)
      throws ImportException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(kind.path()))
            .timeout(Duration.ofMinutes(2))
            .header("Content-Type", "application/x-ndjson")
            .method(kind.method(), HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new ImportException(
          "no SalesPulse answers at "
              + base
              + ": start one (./salespulse demo or run) or give its address with --url");
    } catch (HttpTimeoutException e) {
      throw new ImportException("SalesPulse at " + base + " did not answer within 2 minutes");
    } catch (IOException e) {
      throw new ImportException("cannot reach SalesPulse at " + base + ": " + e.getMessage());
    }
  }

  private static boolean isResult(HttpResponse<String> response) {
    try {
      return Json.MAPPER.readTree(response.body()).has("accepted");
    } catch (IOException e) {
      return false;
    }
  }

  private static IngestResult read(HttpResponse<String> response) throws ImportException {
    try {
      return Json.MAPPER.readValue(response.body(), IngestResult.class);
    } catch (IOException | RuntimeException e) {
      throw new ImportException("SalesPulse gave an answer that is not an ingest result");
    }
  }

  private ImportException refused(ImportKind kind, HttpResponse<String> response) {
    String detail;
    try {
      detail = Json.MAPPER.readTree(response.body()).path("detail").asText(response.body());
    } catch (IOException e) {
      detail = response.body();
    }
    String hint =
        switch (response.statusCode()) {
          case 401, 403 ->
              " (give the ingest token with --token or SALESPULSE_INGEST_TOKEN; the demo keeps"
                  + " its own in <data dir>/ingest-token)";
          case 404 -> " (is " + base + " a SalesPulse?)";
          default -> "";
        };
    return new ImportException(
        kind.method()
            + " "
            + kind.path()
            + " answered "
            + response.statusCode()
            + ": "
            + detail
            + hint);
  }

  private static byte[] ndjson(List<byte[]> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] record : records) {
      out.writeBytes(oneLine(record));
      out.write('\n');
    }
    return out.toByteArray();
  }

  /**
   * A record as one line: the line ends of a pretty-printed one (from a JSON array) become spaces,
   * which JSON reads the same outside strings (and a string cannot hold a raw line end).
   */
  private static byte[] oneLine(byte[] record) {
    byte[] line = null;
    for (int i = 0; i < record.length; i++) {
      if (record[i] == '\n' || record[i] == '\r') {
        if (line == null) {
          line = record.clone();
        }
        line[i] = ' ';
      }
    }
    return line == null ? record : line;
  }
}
