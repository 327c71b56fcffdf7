package dev.salespulse.streams.testing;

/** A sales rep as the tests know it; {@link #rosterJson()} is its {@code sales.reps} record. */
public record Rep(String id, String name, String teamId, String region) {

  /** The roster entry of the contract: {@code {"repId":…,"name":…,"teamId":…,"region":…}}. */
  public String rosterJson() {
    return new JsonObjectBuilder()
        .text("repId", id)
        .text("name", name)
        .text("teamId", teamId)
        .text("region", region)
        .raw("active", "true")
        .compact();
  }
}
