package dev.salespulse.streams.testing;

/** The sales floor of the tests. ADA and BEN share a team; ZED is never put in the roster. */
public final class Reps {
  public static final Rep ADA = new Rep("rep-ada", "Ada Park", "team-north", "EMEA");
  public static final Rep BEN = new Rep("rep-ben", "Ben Okafor", "team-north", "EMEA");
  public static final Rep CHO = new Rep("rep-cho", "Cho Min", "team-south", "AMER");
  public static final Rep ZED = new Rep("rep-zed", "Zed Unlisted", "team-ghost", "NOWHERE");

  private Reps() {}
}
