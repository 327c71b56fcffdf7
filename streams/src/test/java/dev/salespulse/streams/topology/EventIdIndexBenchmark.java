package dev.salespulse.streams.topology;

import dev.salespulse.streams.stores.EventIdHash;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The dedup lookup of a new event: an id that is not in a table of {@code ids} others, as every
 * counted event asks once (docs/benchmarks.md). Hashes are random, as MurmurHash3's are.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventIdIndexBenchmark {
  @Param({"1000000"})
  public int ids;

  private EventIdIndex index;
  private SplittableRandom random;

  @Setup
  public void fill() {
    index = new EventIdIndex();
    random = new SplittableRandom(42);
    for (int i = 0; i < ids; i++) {
      index.put(new EventIdHash(random.nextLong(), random.nextLong()), i);
    }
  }

  @Benchmark
  public long lookUpANewId() {
    return index.countedAt(new EventIdHash(random.nextLong(), random.nextLong()));
  }
}
