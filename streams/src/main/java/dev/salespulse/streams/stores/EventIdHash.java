package dev.salespulse.streams.stores;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The 128-bit MurmurHash3 (x64 variant) of an eventId's UTF-8 bytes: what the dedup stores keep
 * instead of the id itself. Two different ids share a hash with a probability of about n² / 2¹²⁹
 * for n ids kept, under 10⁻²⁴ for a hundred million, so a distinct event is never dropped as a
 * duplicate in practice. The function is fixed: hashes are stored, so it may never change.
 */
public record EventIdHash(long high, long low) {

  public static EventIdHash of(String eventId) {
    long[] hash = MurmurHash3.hash128x64(eventId.getBytes(StandardCharsets.UTF_8));
    return new EventIdHash(hash[0], hash[1]);
  }
}
