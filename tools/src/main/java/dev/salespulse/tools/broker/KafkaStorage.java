package dev.salespulse.tools.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's storage under {@code dataDir/kafka}. It is formatted once, into a staging directory
 * that is then renamed, so an interrupted format never leaves a half-formatted directory behind.
 * The cluster id is also written to {@value KafkaStorage#CLUSTER_ID_FILE}, which tells a directory
 * this class formatted from one of another Kafka installation (which could make the broker wait a
 * minute for a quorum that never forms, then fail).
 */
final class KafkaStorage {
  private static final Logger log = LoggerFactory.getLogger(KafkaStorage.class);

  private KafkaStorage() {}

  private static final String CLUSTER_ID_FILE = "salespulse-cluster.id";

  static String formatIfNeeded(Path logDir, int clientPort, int controllerPort) {
    if (Files.exists(logDir.resolve(EmbeddedKafkaBroker.META_PROPERTIES))) {
      return verifiedClusterId(logDir);
    }
    requireEmptyOrAbsent(logDir);
    Path staging = logDir.resolveSibling(logDir.getFileName() + ".formatting");
    try {
      deleteRecursively(staging);
      Files.createDirectories(staging);
      String clusterId = Uuid.randomUuid().toString();
      format(
          EmbeddedKafkaBroker.serverProperties(staging, clientPort, controllerPort),
          staging,
          clusterId);
      Files.writeString(staging.resolve(CLUSTER_ID_FILE), clusterId);
      Files.deleteIfExists(logDir);
      Files.move(staging, logDir, StandardCopyOption.ATOMIC_MOVE);
      log.info("Formatted {} for a new Kafka cluster {}", logDir, clusterId);
      return clusterId;
    } catch (IOException e) {
      throw new EmbeddedBrokerException(
          "Cannot create the Kafka data directory " + logDir + ": " + e, e);
    }
  }

  private static void format(Map<String, String> serverProperties, Path staging, String clusterId)
      throws IOException {
    Path configFile = staging.resolveSibling(staging.getFileName() + ".properties");
    Properties properties = new Properties();
    properties.putAll(serverProperties);
    try (var out = Files.newOutputStream(configFile)) {
      properties.store(out, "Written by SalesPulse to format the embedded broker's storage");
    }
    String[] args = {
      "format", "--config", configFile.toString(), "--cluster-id", clusterId, "--standalone"
    };
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      exitCode = StorageTool.execute(args, printStream);
    } catch (RuntimeException e) {
      throw new EmbeddedBrokerException("Formatting " + staging + " failed: " + e, e);
    } finally {
      Files.deleteIfExists(configFile);
    }
    if (exitCode != 0) {
      throw new EmbeddedBrokerException(
          "Formatting " + staging + " failed: " + output.toString(StandardCharsets.UTF_8));
    }
  }

  private static String verifiedClusterId(Path logDir) {
    Path clusterIdFile = logDir.resolve(CLUSTER_ID_FILE);
    Properties meta = new Properties();
    String ownClusterId;
    try (InputStream in =
        Files.newInputStream(logDir.resolve(EmbeddedKafkaBroker.META_PROPERTIES))) {
      meta.load(in);
      ownClusterId = Files.exists(clusterIdFile) ? Files.readString(clusterIdFile).strip() : null;
    } catch (IOException e) {
      throw new EmbeddedBrokerException(
          "Cannot read the Kafka data directory "
              + logDir
              + " ("
              + e
              + "): check its permissions or choose another data directory.",
          e);
    }
    String clusterId = meta.getProperty("cluster.id", "");
    String nodeId = meta.getProperty("node.id", "");
    if (ownClusterId == null) {
      throw foreign(logDir, "another Kafka installation (it has no " + CLUSTER_ID_FILE + ")");
    }
    if (!ownClusterId.equals(clusterId)) {
      throw foreign(logDir, "another Kafka cluster (" + clusterId + ", not " + ownClusterId + ")");
    }
    if (!String.valueOf(EmbeddedKafkaBroker.NODE_ID).equals(nodeId)) {
      throw foreign(
          logDir,
          "another Kafka node (node.id=" + nodeId + ", not " + EmbeddedKafkaBroker.NODE_ID + ")");
    }
    if (!Files.isDirectory(logDir.resolve(EmbeddedKafkaBroker.METADATA_LOG))) {
      throw new EmbeddedBrokerException(
          logDir
              + " has no "
              + EmbeddedKafkaBroker.METADATA_LOG
              + ", so its cluster metadata is lost: delete the directory or choose another one.");
    }
    if (!Files.isWritable(logDir)) {
      throw new EmbeddedBrokerException(
          "The Kafka data directory " + logDir + " is not writable: check its permissions.");
    }
    return clusterId;
  }

  private static EmbeddedBrokerException foreign(Path logDir, String owner) {
    return new EmbeddedBrokerException(
        logDir
            + " belongs to "
            + owner
            + ": choose another data directory, or delete this one to start afresh.");
  }

  private static void requireEmptyOrAbsent(Path logDir) {
    if (!Files.exists(logDir)) {
      return;
    }
    if (!Files.isDirectory(logDir)) {
      throw new EmbeddedBrokerException(
          logDir + " is a file, not a Kafka data directory: move it away or choose another one.");
    }
    try (Stream<Path> entries = Files.list(logDir)) {
      if (entries.findAny().isPresent()) {
        throw new EmbeddedBrokerException(
            logDir
                + " has files but no "
                + EmbeddedKafkaBroker.META_PROPERTIES
                + ", so it is not a Kafka data directory: move it away or choose another one.");
      }
    } catch (IOException e) {
      throw new EmbeddedBrokerException(
          "Cannot read the Kafka data directory " + logDir + ": " + e, e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
