package dev.salespulse.streams.model;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A generated run: the business time zone, the wall clock the topology runs at (after every event,
 * within 7 days of all of them) and the inputs in arrival order.
 *
 * @param seed what {@link EventSequences#generate(long)} made it from
 */
record EventSequence(long seed, String timezone, Instant wallClock, List<Input> inputs) {

  EventSequence {
    inputs = List.copyOf(inputs);
  }

  EventSequence withInputs(List<Input> fewer) {
    return new EventSequence(seed, timezone, wallClock, fewer);
  }

  long events() {
    return inputs.stream().filter(Input.Event.class::isInstance).count();
  }

  /** Every input on its own line, numbered in arrival order. */
  String describe() {
    StringBuilder text =
        new StringBuilder(
            String.format(
                "seed %d, SALESPULSE_TIMEZONE=%s, wall clock %s, %d inputs in arrival order:%n",
                seed, timezone, wallClock, inputs.size()));
    for (int i = 0; i < inputs.size(); i++) {
      text.append(String.format("  %3d  %s%n", i + 1, inputs.get(i)));
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return "EventSequence(seed "
        + seed
        + ", "
        + timezone
        + ", "
        + events()
        + " events: "
        + inputs.stream()
            .filter(Input.Event.class::isInstance)
            .map(input -> ((Input.Event) input).eventId())
            .collect(Collectors.joining(" "))
        + ")";
  }
}
