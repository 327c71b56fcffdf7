package dev.salespulse.tools.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What the demo remembers in {@code <data-dir>/demo.json}: the business time zone its floor runs
 * in, and the instant up to which its events have been sent ({@code backfilledUntil}, exclusive),
 * so a restart only fills the gap since then. Written atomically (a temporary file moved over).
 *
 * @param zone the floor's zone, empty before the first start
 * @param backfilledUntil every event before it has been sent; empty before the first backfill
 */
public record DemoState(Optional<ZoneId> zone, Optional<Instant> backfilledUntil) {
  public static final String FILE = "demo.json";
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  public static DemoState empty() {
    return new DemoState(Optional.empty(), Optional.empty());
  }

  /** The state in {@code dataDir}, or an empty one when there is none or it cannot be read. */
  public static DemoState load(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return empty();
    }
    try {
      JsonNode json = JSON.readTree(file.toFile());
      return new DemoState(
          Optional.ofNullable(json.path("zone").textValue()).map(ZoneId::of),
          Optional.ofNullable(json.path("backfilledUntil").textValue()).map(Instant::parse));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          file + " cannot be read (" + e.getMessage() + "): delete it to start the demo afresh", e);
    }
  }

  public DemoState withZone(ZoneId zone) {
    return new DemoState(Optional.of(zone), backfilledUntil);
  }

  public DemoState withBackfilledUntil(Instant until) {
    return new DemoState(zone, Optional.of(until));
  }

  public void save(Path dataDir) {
    ObjectNode json = JSON.createObjectNode();
    zone.ifPresent(z -> json.put("zone", z.getId()));
    backfilledUntil.ifPresent(until -> json.put("backfilledUntil", until.toString()));
    try {
      Files.createDirectories(dataDir);
      Path temporary = dataDir.resolve(FILE + ".tmp");
      Files.writeString(temporary, json.toPrettyString() + "\n");
      Files.move(
          temporary,
          dataDir.resolve(FILE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE), e);
    }
  }
}
