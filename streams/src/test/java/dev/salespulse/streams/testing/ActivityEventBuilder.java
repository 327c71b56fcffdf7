package dev.salespulse.streams.testing;

/** Activity events of {@code sales.activities}, by ADA unless told otherwise. */
public final class ActivityEventBuilder extends EventBuilder<ActivityEventBuilder> {
  private String repId;

  private ActivityEventBuilder(String type) {
    super(type);
    rep(Reps.ADA);
  }

  public static ActivityEventBuilder aCall() {
    return new ActivityEventBuilder("CALL").outcome("CONNECTED").with("durationSeconds", "240");
  }

  public static ActivityEventBuilder anEmail() {
    return new ActivityEventBuilder("EMAIL");
  }

  public static ActivityEventBuilder anActivity(String type) {
    return new ActivityEventBuilder(type);
  }

  @Override
  ActivityEventBuilder self() {
    return this;
  }

  @Override
  public String key() {
    return repId;
  }

  public ActivityEventBuilder rep(Rep rep) {
    return repId(rep.id());
  }

  public ActivityEventBuilder repId(String repId) {
    this.repId = repId;
    json.text("repId", repId);
    return this;
  }

  public ActivityEventBuilder outcome(String outcome) {
    json.text("outcome", outcome);
    return this;
  }

  public ActivityEventBuilder dealValue(String dealValue) {
    json.raw("dealValue", dealValue);
    return this;
  }
}
