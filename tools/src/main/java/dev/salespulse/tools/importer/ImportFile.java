package dev.salespulse.tools.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.salespulse.web.ingest.IngestBody;
import dev.salespulse.web.json.Json;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The records of one import file, read as they come (a file of millions of lines is never held
 * whole): NDJSON ({@code .ndjson}, {@code .jsonl}, or {@code .json} with one object a line), a JSON
 * array ({@code .json} starting with {@code [}, read whole) or CSV with a header row ({@code
 * .csv}). Each record keeps the line it starts on, for the summary. {@link #kind()} is what the
 * first record's fields point to, unless the caller says.
 */
final class ImportFile implements AutoCloseable {
  private final Path path;
  private final long size;
  private final CountingStream counted;
  private final Source source;
  private final Deque<ImportRecord> peeked = new ArrayDeque<>();

  private interface Source {
    ImportRecord next() throws IOException;
  }

  private ImportFile(Path path, long size, CountingStream counted, Source source) {
    this.path = path;
    this.size = size;
    this.counted = counted;
    this.source = source;
  }

  static ImportFile open(Path path) throws IOException {
    long size = Files.size(path);
    CountingStream in = new CountingStream(Files.newInputStream(path));
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      if (name.endsWith(".csv")) {
        MappingIterator<Map<String, String>> rows =
            IngestBody.csvRows(new InputStreamReader(in, StandardCharsets.UTF_8));
        return new ImportFile(path, size, in, csv(rows));
      }
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
      reader.mark(1 << 16);
      int first;
      do {
        first = reader.read();
      } while (first == ' ' || first == '\n' || first == '\r' || first == '\t' || first == 0xFEFF);
      reader.reset();
      if (first == '[') {
        return new ImportFile(path, size, in, array(reader));
      }
      return new ImportFile(path, size, in, ndjson(reader));
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  private static Source csv(MappingIterator<Map<String, String>> rows) {
    return () -> {
      if (!rows.hasNextValue()) {
        return null;
      }
      long line = rows.getCurrentLocation().getLineNr();
      Map<String, String> row = rows.nextValue();
      return new ImportRecord(line, IngestBody.toJson(row));
    };
  }

  private static Source ndjson(BufferedReader reader) {
    long[] line = {0};
    return () -> {
      String text;
      while ((text = reader.readLine()) != null) {
        line[0]++;
        if (!text.isBlank()) {
          return new ImportRecord(line[0], text.getBytes(StandardCharsets.UTF_8));
        }
      }
      return null;
    };
  }

  private static Source array(BufferedReader reader) throws IOException {
    byte[] body;
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[1 << 16];
    for (int n; (n = reader.read(buffer)) >= 0; ) {
      text.append(buffer, 0, n);
    }
    body = text.toString().getBytes(StandardCharsets.UTF_8);
    List<byte[]> records;
    try {
      records = IngestBody.records(body, IngestBody.Format.JSON_ARRAY);
    } catch (IngestBody.MalformedBodyException e) {
      throw new IOException(e.getMessage(), e);
    }
    int[] index = {0};
    return () ->
        index[0] < records.size() ? new ImportRecord(index[0] + 1L, records.get(index[0]++)) : null;
  }

  Path path() {
    return path;
  }

  /** The file's size in bytes, and how many of them have been read so far. */
  long size() {
    return size;
  }

  long bytesRead() {
    return counted.count;
  }

  /** What the first record's fields point to; empty when there are none or they point nowhere. */
  Optional<ImportKind> kind() throws IOException {
    ImportRecord first = peek();
    if (first == null) {
      return Optional.empty();
    }
    try {
      JsonNode node = Json.MAPPER.readTree(first.json());
      return node != null && node.isObject()
          ? ImportKind.ofFields(ImportKind.fieldsOf(node))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The next record, or null at the end of the file. */
  ImportRecord next() throws IOException {
    return peeked.isEmpty() ? source.next() : peeked.pop();
  }

  private ImportRecord peek() throws IOException {
    if (peeked.isEmpty()) {
      ImportRecord record = source.next();
      if (record == null) {
        return null;
      }
      peeked.push(record);
    }
    return peeked.peek();
  }

  @Override
  public void close() {
    try {
      counted.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Counts the bytes read, for progress. */
  private static final class CountingStream extends FilterInputStream {
    private volatile long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
