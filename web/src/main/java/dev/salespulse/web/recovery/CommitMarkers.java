package dev.salespulse.web.recovery;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.ApiVersions;
import org.apache.kafka.clients.ClientRequest;
import org.apache.kafka.clients.ClientResponse;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.DefaultHostResolver;
import org.apache.kafka.clients.ManualMetadataUpdater;
import org.apache.kafka.clients.NetworkClient;
import org.apache.kafka.clients.NetworkClientUtils;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData.WritableTxnMarker;
import org.apache.kafka.common.message.WriteTxnMarkersRequestData.WritableTxnMarkerTopic;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.WriteTxnMarkersRequest;
import org.apache.kafka.common.requests.WriteTxnMarkersResponse;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.LogContext;

/**
 * Writes a COMMIT marker for one producer's open transaction on one partition, as a transaction
 * coordinator does: what {@code Admin.abortTransaction} does for an ABORT marker, which is the only
 * outcome Kafka's Admin API (and {@code kafka-transactions.sh}) can write. It sends the same {@code
 * WriteTxnMarkers} request to the partition's leader, through Kafka's own network client built from
 * the application's client settings (so TLS and SASL apply), and needs the same permission
 * (ClusterAction on the cluster).
 *
 * <p>Not thread-safe: one sweeping thread uses it.
 */
final class CommitMarkers implements AutoCloseable {
  private final Metrics metrics = new Metrics();
  private final NetworkClient client;
  private final Duration timeout;

  /**
   * @param clientConfig the application's Kafka client settings (bootstrap servers, security)
   */
  CommitMarkers(Map<String, Object> clientConfig, Duration timeout) {
    this.timeout = timeout;
    AdminClientConfig config = new AdminClientConfig(clientConfig);
    this.client =
        ClientUtils.createNetworkClient(
            config,
            config.getList(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG),
            "salespulse-commit-markers",
            metrics,
            "salespulse-commit-markers",
            new LogContext("[commit markers] "),
            new ApiVersions(),
            Time.SYSTEM,
            1,
            (int) timeout.toMillis(),
            null,
            new ManualMetadataUpdater(),
            new DefaultHostResolver(),
            null,
            null);
  }

  /**
   * Commits the open transaction of this producer and epoch on this partition.
   *
   * @param leader the partition's leader
   * @param coordinatorEpoch the coordinator epoch the partition last saw for this producer
   * @throws TimeoutException when the leader cannot be reached in time
   * @throws org.apache.kafka.common.errors.ApiException when the leader refuses the marker
   */
  void commit(
      TopicPartition partition, Node leader, long producerId, short epoch, int coordinatorEpoch)
      throws IOException, TimeoutException {
    Time time = Time.SYSTEM;
    if (!NetworkClientUtils.awaitReady(client, leader, time, timeout.toMillis())) {
      throw new TimeoutException("could not connect to " + leader + " within " + timeout);
    }
    WritableTxnMarker marker =
        new WritableTxnMarker()
            .setProducerId(producerId)
            .setProducerEpoch(epoch)
            .setCoordinatorEpoch(coordinatorEpoch)
            .setTransactionResult(true);
    marker
        .topics()
        .add(
            new WritableTxnMarkerTopic()
                .setName(partition.topic())
                .setPartitionIndexes(List.of(partition.partition())));
    WriteTxnMarkersRequestData data = new WriteTxnMarkersRequestData();
    data.markers().add(marker);
    ClientRequest request =
        client.newClientRequest(
            leader.idString(), new WriteTxnMarkersRequest.Builder(data), time.milliseconds(), true);
    ClientResponse response = NetworkClientUtils.sendAndReceive(client, request, time);
    if (response.versionMismatch() != null) {
      throw response.versionMismatch();
    }
    Errors error =
        ((WriteTxnMarkersResponse) response.responseBody())
            .errorsByProducerId()
            .getOrDefault(producerId, Map.of())
            .getOrDefault(partition, Errors.UNKNOWN_SERVER_ERROR);
    if (error != Errors.NONE) {
      throw error.exception("the commit marker for " + partition + " was refused: " + error);
    }
  }

  @Override
  public void close() {
    client.close();
    metrics.close();
  }
}
