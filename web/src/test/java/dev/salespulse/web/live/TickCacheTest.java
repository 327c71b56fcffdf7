package dev.salespulse.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TickCacheTest {
  private static final long TICK = 250;

  private final AtomicLong now = new AtomicLong(1_000);
  private final TickCache<String, String> cache = new TickCache<>(TICK, 3, now::get);
  private final AtomicInteger computed = new AtomicInteger();
  private final List<TickCache.Outcome> outcomes = new ArrayList<>();

  private String get(String key) {
    return cache.get(key, () -> key + "#" + computed.incrementAndGet(), outcomes::add);
  }

  @Test
  void shouldShareAnAnswerWithinATick() {
    assertThat(get("company:all")).isEqualTo("company:all#1");
    now.addAndGet(TICK - 1);

    assertThat(get("company:all")).isEqualTo("company:all#1");
    assertThat(outcomes).containsExactly(TickCache.Outcome.MISS, TickCache.Outcome.HIT);
  }

  @Test
  void shouldComputeAgainOnceATickHasPassed() {
    get("company:all");
    now.addAndGet(TICK);

    assertThat(get("company:all")).isEqualTo("company:all#2");
  }

  @Test
  void shouldComputeAgainAfterTheKeyWasInvalidatedAndKeepOthers() {
    get("team:north");
    get("team:south");

    cache.invalidate(key -> key.equals("team:north"));

    assertThat(get("team:north")).isEqualTo("team:north#3");
    assertThat(get("team:south")).isEqualTo("team:south#2");
  }

  @Test
  void shouldNotKeepAnAnswerWhoseComputationAnInvalidationOvertook() {
    String first =
        cache.get(
            "company:all",
            () -> {
              cache.invalidate(key -> true); // the change arrives while the store is read
              return "old";
            },
            outcomes::add);

    assertThat(first).isEqualTo("old");
    assertThat(get("company:all")).isEqualTo("company:all#1");
  }

  @Test
  void shouldKeepARefreshedAnswerInPlaceOfTheOldOne() {
    get("company:all");

    assertThat(cache.refresh("company:all", () -> "fresh")).isEqualTo("fresh");
    now.addAndGet(TICK - 1);

    assertThat(get("company:all")).isEqualTo("fresh");
  }

  @Test
  void shouldNotKeepAFailure() {
    Supplier<String> failing =
        () -> {
          throw new IllegalStateException("stores not queryable");
        };
    assertThatThrownBy(() -> cache.get("company:all", failing, outcomes::add))
        .isInstanceOf(IllegalStateException.class);

    assertThat(get("company:all")).isEqualTo("company:all#1");
  }

  @Test
  void shouldKeepAtMostItsBoundAndStillAnswerBeyondIt() {
    get("a");
    get("b");
    get("c");

    assertThat(get("d")).isEqualTo("d#4");
    assertThat(cache.size()).isEqualTo(3);
    assertThat(get("d")).isEqualTo("d#5");

    now.addAndGet(TICK);
    get("e");
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void shouldLetConcurrentCallersWaitForTheOneComputation() throws Exception {
    try (Held first = new Held("company:all", () -> "answer#" + computed.incrementAndGet())) {
      Future<String> second = first.meanwhile(() -> get("company:all"));
      first.release();

      assertThat(first.answer.get(10, TimeUnit.SECONDS)).isEqualTo("answer#1");
      assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("answer#1");
      assertThat(computed).hasValue(1);
    }
  }

  @Test
  void shouldGiveThePreviousAnswerWhileItIsComputedAnew() throws Exception {
    get("company:all");
    now.addAndGet(TICK);
    try (Held refreshing = new Held("company:all", () -> "new")) {
      assertThat(get("company:all")).isEqualTo("company:all#1");
      refreshing.release();
      assertThat(refreshing.answer.get(10, TimeUnit.SECONDS)).isEqualTo("new");
      assertThat(get("company:all")).isEqualTo("new");
      assertThat(computed).hasValue(1);
    }
  }

  @Test
  void shouldMakeCallersWaitForTheNewAnswerWhenThePreviousIsTooOld() throws Exception {
    get("company:all");
    now.addAndGet(TICK + TickCache.MAX_EXTRA_AGE_NANOS);
    try (Held refreshing = new Held("company:all", () -> "new")) {
      Future<String> waiting = refreshing.meanwhile(() -> get("company:all"));
      refreshing.release();

      assertThat(refreshing.answer.get(10, TimeUnit.SECONDS)).isEqualTo("new");
      assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo("new");
    }
  }

  @Test
  void shouldComputeAnExpensiveAnswerAnewNoSoonerThanItsSpacingAfterAChange() {
    cache.get(
        "company:all",
        () -> {
          now.addAndGet(10); // the computation takes 10
          return "first";
        },
        outcomes::add);

    cache.invalidate(key -> true);
    assertThat(get("company:all")).isEqualTo("first"); // 10 after its start
    now.addAndGet(TickCache.SPACING * 10 - 10 - 1);
    assertThat(get("company:all")).isEqualTo("first");
    now.addAndGet(1);

    assertThat(get("company:all")).isEqualTo("company:all#1");
  }

  @Test
  void shouldKeepThePreviousAnswerWhenItsNewComputationFails() {
    get("company:all");
    now.addAndGet(TICK);
    Supplier<String> failing =
        () -> {
          throw new IllegalStateException("partition moving");
        };

    assertThatThrownBy(() -> cache.get("company:all", failing, outcomes::add))
        .isInstanceOf(IllegalStateException.class);
    assertThat(get("company:all")).isEqualTo("company:all#2");
  }

  @Test
  void shouldComputeAgainWhenAnInvalidationOvertookARecomputation() {
    get("company:all");
    now.addAndGet(TICK);
    String second =
        cache.get(
            "company:all",
            () -> {
              cache.invalidate(key -> true);
              return "overtaken";
            },
            outcomes::add);

    assertThat(second).isEqualTo("overtaken");
    assertThat(get("company:all")).isEqualTo("company:all#2");
  }

  /** A computation of one key on another thread, held in the middle until released. */
  private final class Held implements AutoCloseable {
    private final CountDownLatch computing = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    final Future<String> answer;

    Held(String key, Supplier<String> value) {
      answer =
          pool.submit(
              () ->
                  cache.get(
                      key,
                      () -> {
                        computing.countDown();
                        await(released);
                        return value.get();
                      },
                      outcome -> {}));
      await(computing);
    }

    /** Asks on another thread while the computation is held. */
    Future<String> meanwhile(Callable<String> call) {
      return pool.submit(call);
    }

    void release() {
      released.countDown();
    }

    @Override
    public void close() {
      pool.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
