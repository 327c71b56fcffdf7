package dev.salespulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salespulse.streams.stores.EventIdHash;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class EventIdIndexTest {

  /** One step against the index: put (kind 0), conditional remove (1) or lookup (2). */
  record Step(int kind, EventIdHash hash, long at) {}

  @Property(tries = 300)
  void behavesLikeAMapOfHashesToTimes(@ForAll("steps") List<Step> steps) {
    EventIdIndex index = new EventIdIndex();
    Map<EventIdHash, Long> model = new HashMap<>();

    for (Step step : steps) {
      switch (step.kind()) {
        case 0 -> {
          index.put(step.hash(), step.at());
          model.put(step.hash(), step.at());
        }
        case 1 -> {
          index.removeIfCountedAt(step.hash(), step.at());
          model.remove(step.hash(), step.at());
        }
        default ->
            assertThat(index.countedAt(step.hash()))
                .isEqualTo(model.getOrDefault(step.hash(), EventIdIndex.ABSENT));
      }
    }

    assertThat(index.size()).isEqualTo(model.size());
    model.forEach((hash, at) -> assertThat(index.countedAt(hash)).isEqualTo(at));
  }

  @Test
  void growsPastItsFirstCapacityAndFindsEveryId() {
    EventIdIndex index = new EventIdIndex();
    for (int i = 0; i < 100_000; i++) {
      index.put(EventIdHash.of("e-" + i), i);
    }
    for (int i = 0; i < 100_000; i += 2) {
      index.removeIfCountedAt(EventIdHash.of("e-" + i), i);
    }

    assertThat(index.size()).isEqualTo(50_000);
    for (int i = 0; i < 100_000; i++) {
      assertThat(index.countedAt(EventIdHash.of("e-" + i)))
          .isEqualTo(i % 2 == 0 ? EventIdIndex.ABSENT : i);
    }
  }

  @Test
  void keepsALaterCountWhenTheEarlierOneIsRemoved() {
    EventIdIndex index = new EventIdIndex();
    EventIdHash id = EventIdHash.of("e-1");
    index.put(id, 100);
    index.put(id, 200);

    index.removeIfCountedAt(id, 100);

    assertThat(index.countedAt(id)).isEqualTo(200);
  }

  /**
   * Hashes from a small pool with few home slots, some at the end of the table, so probe runs form
   * and wrap around, and removals have to move entries back into the gaps.
   */
  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<EventIdHash> hashes =
        Combinators.combine(
                Arbitraries.longs().between(0, 40), Arbitraries.of(0L, 1L, 2L, 1021L, 1022L, 1023L))
            .as(EventIdHash::new);
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.integers().between(0, 2), hashes, Arbitraries.longs().between(0, 3))
            .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(400);
  }
}
