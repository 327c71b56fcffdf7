package dev.salespulse.web;

import dev.salespulse.streams.config.AccessConfig;
import dev.salespulse.streams.config.ConfigException;
import dev.salespulse.streams.config.KafkaConfig;
import dev.salespulse.streams.config.ReportingConfig;
import dev.salespulse.streams.config.SalesPulseConfig;
import dev.salespulse.streams.config.StorageConfig;
import dev.salespulse.streams.config.WebhookConfig;
import dev.salespulse.streams.query.KpiStores;
import dev.salespulse.streams.query.Queries;
import dev.salespulse.streams.runtime.StreamsProperties;
import dev.salespulse.streams.runtime.StreamsService;
import dev.salespulse.streams.topology.DeadLetter;
import dev.salespulse.streams.topology.SalesPulseTopology;
import dev.salespulse.streams.topology.Topics;
import dev.salespulse.web.cluster.ClusterPartials;
import dev.salespulse.web.cluster.PartialsHandler;
import dev.salespulse.web.cluster.PartitionCoverage;
import dev.salespulse.web.disk.DataDirectory;
import dev.salespulse.web.disk.DiskCheck;
import dev.salespulse.web.disk.DiskSpaceWatcher;
import dev.salespulse.web.feed.FeedBoard;
import dev.salespulse.web.feed.FeedListener;
import dev.salespulse.web.feed.MilestoneWatcher;
import dev.salespulse.web.http.Access;
import dev.salespulse.web.http.ApiServer;
import dev.salespulse.web.http.Route;
import dev.salespulse.web.ingest.EventSink;
import dev.salespulse.web.ingest.IngestToken;
import dev.salespulse.web.ingest.KafkaIngest;
import dev.salespulse.web.kafka.KafkaClients;
import dev.salespulse.web.kafka.TopicLimits;
import dev.salespulse.web.live.KpiChangeListener;
import dev.salespulse.web.live.LiveAnswers;
import dev.salespulse.web.live.LiveFeed;
import dev.salespulse.web.metrics.BusinessGauges;
import dev.salespulse.web.metrics.BusinessHoursGauge;
import dev.salespulse.web.metrics.ClockOffsetWatcher;
import dev.salespulse.web.metrics.RestoreMetrics;
import dev.salespulse.web.metrics.ServiceMetrics;
import dev.salespulse.web.metrics.StreamsStateMetrics;
import dev.salespulse.web.recovery.BrokerWatch;
import dev.salespulse.web.recovery.HangingTransactions;
import dev.salespulse.web.webhook.WebhookHandler;
import dev.salespulse.web.webhook.WebhookMappings;
import dev.salespulse.web.webhook.WebhookService;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running SalesPulse: the embedded broker when no cluster is given, the topics, the Kafka
 * Streams application, the live feed, the HTTP server and, for the demo, the simulator. Started in
 * that order and closed in reverse; a failure half-way closes what was already started.
 */
public final class SalesPulseApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SalesPulseApp.class);
  private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration HANGING_TRANSACTIONS_WAIT = Duration.ofSeconds(15);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private String bootstrapServers;
  private KafkaIngest ingest;
  private Optional<String> ingestToken = Optional.empty();
  private int httpPort;
  private ApiServer api;

  private SalesPulseApp() {}

  /**
   * @param simulate whether to run the sales-floor simulator (the demo)
   * @param clock the wall clock of queries ("today") and heartbeats
   * @param onFatal called when the Streams client dies; the caller decides to exit
   */
  public static SalesPulseApp start(
      SalesPulseConfig config, boolean simulate, Clock clock, Consumer<Throwable> onFatal) {
    SalesPulseApp app = new SalesPulseApp();
    try {
      app.startAll(config, simulate, clock, onFatal);
      return app;
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
  }

  private void startAll(
      SalesPulseConfig config, boolean simulate, Clock clock, Consumer<Throwable> onFatal) {
    KafkaConfig kafka = config.kafka();
    StorageConfig storage = config.storage();
    ReportingConfig reporting = config.reporting();
    AccessConfig access = config.access();
    List<DataDirectory> directories = DataDirectory.of(storage, kafka.bootstrapServers().isEmpty());
    DiskCheck.requireUsable(directories, storage.diskMinFreeMb());
    // Read first: a bad mapping file stops the start before anything is started.
    WebhookMappings webhookMappings = WebhookMappings.load(config.webhooks().directory());
    bootstrapServers =
        kafka
            .bootstrapServers()
            .orElseGet(
                () ->
                    own(localParts().startBroker(storage.brokerDir(), kafka.port()))
                        .bootstrapServers());
    Map<String, Object> clients = KafkaClients.config(kafka, bootstrapServers);
    Admin admin = own(Admin.create(clients));
    if (kafka.bootstrapServers().isPresent()) {
      awaitBrokers(admin);
    }
    Map<String, Integer> topicPartitions = KafkaClients.ensureTopics(admin, kafka, TOPIC_TIMEOUT);

    httpPort = config.http().port() == 0 ? freePort() : config.http().port();
    String applicationServer = config.http().advertisedUrl().orElse("localhost:" + httpPort);
    ServiceMetrics metrics = own(new ServiceMetrics());
    own(new DiskSpaceWatcher(directories, metrics.registry()));
    Topics topics = new Topics(kafka.topicPrefix());
    Properties streamsProperties =
        StreamsProperties.of(
            kafka, storage, bootstrapServers, applicationServer, metrics.registry());
    // Dead letters are cut to fit the topic: under exactly-once one the broker refuses would stop
    // the stream thread.
    TopicLimits.maxMessageBytes(clients, topics.deadLetter().name(), TOPIC_TIMEOUT)
        .ifPresent(limit -> streamsProperties.put(DeadLetter.TOPIC_MAX_MESSAGE_BYTES, limit));
    Topology topology =
        SalesPulseTopology.build(
            kafka,
            reporting,
            metrics.registry(),
            topicPartitions.get(topics.orders().name()),
            topicPartitions.get(topics.activities().name()));
    StreamsService streams = own(new StreamsService(topology, streamsProperties, onFatal, clock));
    new StreamsStateMetrics(
        streams::streams,
        List.of(
            topics.orders().name(),
            topics.activities().name(),
            Topics.rekeyedOrders(kafka.applicationId()).name(),
            Topics.rekeyedActivities(kafka.applicationId()).name()),
        metrics.registry());
    streams.streams().setGlobalStateRestoreListener(new RestoreMetrics(metrics.registry()));
    BrokerWatch brokers = own(new BrokerWatch(admin, clock));
    brokers.start();
    HangingTransactions hanging =
        own(new HangingTransactions(
                admin,
                clients,
                kafka.applicationId(),
                List.of(
                    topics.kpiChanges().name(), topics.feed().name(), topics.deadLetter().name()),
                metrics.registry()))
            .start();
    // Before any producer of this start moves the coordinators' view of the last one's
    // transactions on (see HangingTransactions).
    if (!hanging.awaitSettled(HANGING_TRANSACTIONS_WAIT)) {
      LOG.info(
          "Starting without a settled look at open transactions after {} s; it goes on meanwhile",
          HANGING_TRANSACTIONS_WAIT.toSeconds());
    }
    streams.start();
    metrics.bindStreams(streams.streams());
    own(new ClockOffsetWatcher(streams.clock(), clock, metrics.registry()));
    BusinessHoursGauge.register(
        reporting.businessHours(), reporting.timezone(), clock, metrics.registry());

    KpiStores stores = KpiStores.of(streams.streams(), brokers::away);
    Map<String, Integer> kpiSourceTopics =
        SalesPulseTopology.storeSourceTopics(
            kafka.applicationId(),
            topicPartitions.get(topics.orders().name()),
            topicPartitions.get(topics.activities().name()));
    PartitionCoverage coverage =
        new PartitionCoverage(streams.streams()::metadataForLocalThreads, kpiSourceTopics);
    ClusterPartials cluster =
        own(
            ClusterPartials.of(
                streams.streams(),
                topology.describe(),
                coverage,
                brokers::away,
                HostInfo.buildFromEndpoint(applicationServer),
                access.clusterToken(),
                config.http().requestTimeout()));
    Queries queries =
        Queries.of(config.reporting(), config.http().queryCostLimit(), stores, cluster, clock);
    own(
        new BusinessGauges(
            queries.kpis(),
            queries.scopes(),
            queries.leaderboard(),
            config.metrics().repLevel(),
            metrics.registry()));
    LiveAnswers answers =
        new LiveAnswers(
            queries.kpis(), queries.leaderboard(), LiveAnswers.MAX_AGE, metrics.registry());
    LiveFeed liveFeed = own(new LiveFeed(answers, config.live(), clock, metrics.registry()));
    FeedBoard feed = new FeedBoard();
    MilestoneWatcher milestones = own(new MilestoneWatcher(queries.kpis(), feed));
    own(new FeedListener(clients, topics.feed().name(), feed));
    own(
        new KpiChangeListener(
            clients,
            topics.kpiChanges().name(),
            scope -> {
              liveFeed.scopeChanged(scope);
              milestones.scopeChanged(scope);
            },
            liveFeed::changesArrived));
    Optional<String> ingestToken = access.ingestToken();
    if (ingestToken.isEmpty() && simulate) {
      ingestToken = Optional.of(IngestToken.ofDataDir(storage.dataDir()));
    }
    this.ingestToken = ingestToken;
    if (ingestToken.isEmpty()) {
      LOG.info(
          "HTTP ingest is off (the write routes answer 403): set SALESPULSE_INGEST_TOKEN to take"
              + " events and reference data over HTTP");
    }
    AccessWarnings.log(config);
    ingest = own(KafkaIngest.to(clients, topics, clock, metrics.registry()));
    ApiServer api;
    try {
      api =
          own(
              ApiServer.start(
                  httpPort,
                  new Access(
                      access.viewerToken(),
                      ingestToken,
                      access.clusterToken(),
                      access.metricsToken(),
                      access.allowedOrigins()),
                  queries,
                  ingest.sink("http"),
                  webhooks(webhookMappings, config.webhooks(), ingestToken, clock),
                  new PartialsHandler(cluster.local(), coverage),
                  new ApiServer.FeedHandlerSettings(
                      feed, reporting.feedLargeDeal(), reporting.currency()),
                  liveFeed,
                  streams::state,
                  brokers::unreachableSince,
                  metrics,
                  config.http().requestTimeout(),
                  config.http().maxConnections()));
    } catch (JavalinBindException e) {
      throw new ConfigException(
          "Port "
              + httpPort
              + " is already in use: stop what listens there or choose another"
              + " SALESPULSE_HTTP_PORT (--http-port).");
    }
    httpPort = api.port();
    this.api = api;

    if (simulate) {
      startSimulator(config, clock);
    }
  }

  /** {@code POST /api/v1/webhooks/{source}}: each source's events counted under its own label. */
  private WebhookHandler webhooks(
      WebhookMappings mappings, WebhookConfig settings, Optional<String> token, Clock clock) {
    LOG.info("Webhook sources: {}", mappings.origins());
    return new WebhookHandler(
        new WebhookService(mappings, settings.secrets(), token, ingest::sink, clock),
        settings.baseUrl());
  }

  private void awaitBrokers(Admin admin) {
    try {
      BrokerWatch.awaitReachable(admin, bootstrapServers);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the Kafka brokers", e);
    }
  }

  /** The demo's floor (see LocalParts). */
  private void startSimulator(SalesPulseConfig config, Clock clock) {
    own(localParts().startFloor(ingest.sink("demo"), config, clock));
  }

  /** The embedded broker and the demo's floor, which only the all-commands jar has. */
  private static LocalParts localParts() {
    return LocalParts.installed()
        .orElseThrow(
            () ->
                new ConfigException(
                    "SALESPULSE_BOOTSTRAP_SERVERS is not set: set it to the Kafka cluster's"
                        + " brokers. This jar has no embedded broker and no demo; ./salespulse"
                        + " (tools/target/salespulse.jar) has both."));
  }

  private <T extends AutoCloseable> T own(T resource) {
    started.push(resource);
    return resource;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free local port for the HTTP server", e);
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public int httpPort() {
    return httpPort;
  }

  /** The ingest token the write routes take, if any (the demo makes one when none is set). */
  public Optional<String> ingestToken() {
    return ingestToken;
  }

  /** Where the demo's history and any in-process producer send records, through the checks. */
  public EventSink ingest(String source) {
    return ingest.sink(source);
  }

  /** The routes the HTTP server answers. */
  public List<Route> httpRoutes() {
    return api.routes();
  }

  public String dashboardUrl() {
    return "http://localhost:" + httpPort + "/";
  }

  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      AutoCloseable resource = started.pop();
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("Error while closing {}", resource.getClass().getSimpleName(), e);
      }
    }
  }
}
