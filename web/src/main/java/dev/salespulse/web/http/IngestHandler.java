package dev.salespulse.web.http;

import dev.salespulse.web.ingest.EventSink;
import dev.salespulse.web.ingest.IngestBody;
import dev.salespulse.web.ingest.IngestResult;
import dev.salespulse.web.ingest.ReferenceKind;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The write routes: {@code POST /api/v1/events} and {@code PUT /api/v1/reps|targets|fx-rates}. A
 * body is NDJSON, a JSON array or CSV by its {@code Content-Type}, at most {@link #MAX_BODY_BYTES}
 * and {@link #MAX_RECORDS} records (413 beyond, nothing produced). The answer lists what became of
 * each record; 503 with {@code Retry-After} when some were not acknowledged in time.
 */
final class IngestHandler {
  static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
  static final int MAX_RECORDS = 10_000;

  /**
   * Bodies read and checked at once: each may hold 10 MB several times over while it is split and
   * produced, so memory stays bounded however many clients write at the same time.
   */
  static final int CONCURRENT_BODIES = 4;

  private final EventSink sink;
  private final Duration wait;
  private final Semaphore bodies = new Semaphore(CONCURRENT_BODIES, true);

  IngestHandler(EventSink sink) {
    this(sink, Duration.ofSeconds(10));
  }

  /** {@code wait}: how long a request waits for its turn before a 503. */
  IngestHandler(EventSink sink, Duration wait) {
    this.sink = sink;
    this.wait = wait;
  }

  void events(Context ctx) throws InterruptedException {
    oneAtATime(ctx, () -> answer(ctx, records(ctx, "events"), sink::events));
  }

  Handler reference(ReferenceKind kind) {
    return ctx ->
        oneAtATime(
            ctx,
            () -> answer(ctx, records(ctx, "records"), records -> sink.reference(kind, records)));
  }

  private void oneAtATime(Context ctx, Runnable work) throws InterruptedException {
    if (!bodies.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
      ctx.header("Retry-After", "5");
      throw new HttpResponseException(
          HttpStatus.SERVICE_UNAVAILABLE.getCode(),
          "busy: " + CONCURRENT_BODIES + " write requests are being taken already; send again");
    }
    try {
      work.run();
    } finally {
      bodies.release();
    }
  }

  private static void answer(
      Context ctx, List<byte[]> records, Function<List<byte[]>, IngestResult> ingest) {
    IngestResult result = ingest.apply(records);
    boolean unacknowledged =
        result.errors().stream().anyMatch(e -> e.reason().equals("not-acknowledged"));
    if (unacknowledged) {
      ctx.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5");
    }
    ctx.json(result);
  }

  private static List<byte[]> records(Context ctx, String what) {
    String encoding = ctx.header(Header.CONTENT_ENCODING);
    if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
      // Read as it is, a compressed body would only fail as malformed, and one whose coding is
      // ignored would be taken for what it is not.
      throw new HttpResponseException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(),
          "Content-Encoding '"
              + ApiServer.brief(encoding)
              + "' is not taken: send the body uncompressed");
    }
    IngestBody.Format format = IngestBody.Format.ofContentType(ctx.contentType());
    if (format == null) {
      throw new HttpResponseException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(),
          "Content-Type must be application/x-ndjson, application/json (an array) or text/csv,"
              + " was "
              + (ctx.contentType() == null ? "none" : "'" + ctx.contentType() + "'"));
    }
    List<byte[]> records;
    try {
      records = IngestBody.records(body(ctx), format, MAX_RECORDS);
    } catch (IngestBody.MalformedBodyException e) {
      throw new BadRequestResponse(e.getMessage());
    } catch (IngestBody.TooManyRecordsException e) {
      throw tooLarge(
          "the body holds more than "
              + MAX_RECORDS
              + " "
              + what
              + "; at most "
              + MAX_RECORDS
              + " a request, split it");
    }
    return records;
  }

  /** The body, read up to the limit: a larger one is refused before it is all read. */
  private static byte[] body(Context ctx) {
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] bytes = RequestBodies.readAtMost(in, ctx.contentLength(), MAX_BODY_BYTES);
      if (bytes == null) {
        throw tooLarge(MAX_BODY_BYTES + 1L);
      }
      return bytes;
    } catch (IOException e) {
      throw new BadRequestResponse("the body could not be read: " + e.getMessage());
    }
  }

  private static HttpResponseException tooLarge(long bytes) {
    return tooLarge(
        "the body has "
            + (bytes > MAX_BODY_BYTES ? "more than " + MAX_BODY_BYTES : Long.toString(bytes))
            + " bytes; at most "
            + MAX_BODY_BYTES
            + " (10 MB) a request, split it");
  }

  private static HttpResponseException tooLarge(String message) {
    return new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(), message);
  }
}
