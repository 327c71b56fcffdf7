package dev.salespulse.web.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The demo's ingest token when none is set: random, kept in {@code <data dir>/ingest-token}
 * (readable by its owner only) so it stays the same across restarts and {@code salespulse import}
 * finds it.
 */
public final class IngestToken {
  public static final String FILE_NAME = "ingest-token";

  private IngestToken() {}

  /** The token of {@code dataDir}, created on first use. */
  public static String ofDataDir(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (Files.isRegularFile(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      Files.createDirectories(dataDir);
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      } catch (FileAlreadyExistsException e) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the ingest token " + file, e);
    }
  }
}
