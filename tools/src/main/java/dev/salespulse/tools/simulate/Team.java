package dev.salespulse.tools.simulate;

import java.util.List;

/** A team of the simulated floor, with the display name a dashboard would show. */
public record Team(String teamId, String name, String region) {

  /** The five teams of the simulated floor, over three regions. */
  public static final List<Team> ALL =
      List.of(
          new Team("team-north", "North", "EMEA"),
          new Team("team-south", "South", "EMEA"),
          new Team("team-east", "East", "AMER"),
          new Team("team-west", "West", "AMER"),
          new Team("team-apac", "APAC", "APAC"));
}
