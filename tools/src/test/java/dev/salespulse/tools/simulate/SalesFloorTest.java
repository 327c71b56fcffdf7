package dev.salespulse.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SalesFloorTest {
  private static final SalesFloor FLOOR = SalesFloor.generate(60, SalesFloor.STANDARD_SEED);

  @Test
  void shouldNumberRepsFromOne() {
    assertThat(FLOOR.reps()).extracting(Rep::repId).startsWith("rep-1", "rep-2").endsWith("rep-60");
  }

  @Test
  void shouldSpreadRepsOverFiveTeamsInThreeRegions() {
    assertThat(
            FLOOR.reps().stream()
                .collect(Collectors.groupingBy(Rep::teamId, Collectors.counting())))
        .containsOnlyKeys("team-north", "team-south", "team-east", "team-west", "team-apac")
        .allSatisfy((team, reps) -> assertThat(reps).isEqualTo(12L));
    assertThat(FLOOR.reps()).extracting(Rep::region).containsOnly("EMEA", "AMER", "APAC");
    assertThat(FLOOR.teams()).isEqualTo(Team.ALL);
    assertThat(FLOOR.reps())
        .allSatisfy(
            rep ->
                assertThat(Team.ALL).contains(new Team(rep.teamId(), teamName(rep), rep.region())));
  }

  @Test
  void shouldGiveEveryRepADistinctHumanName() {
    assertThat(FLOOR.reps())
        .extracting(Rep::name)
        .doesNotHaveDuplicates()
        .allMatch(name -> name.matches("[A-Z][a-z]+ [A-Z][A-Za-z']+"));
  }

  @Test
  void shouldKeepNamesDistinctUpToTheProductOfTheNameListsLengths() {
    assertThat(SalesFloor.generate(48 * 47, 5).reps())
        .extracting(Rep::name)
        .doesNotHaveDuplicates();
  }

  @Test
  void shouldKeepARepTheSameWhateverTheSizeOfTheFloor() {
    List<Rep> small = SalesFloor.generate(7, SalesFloor.STANDARD_SEED).reps();

    assertThat(FLOOR.reps().subList(0, 7)).isEqualTo(small);
  }

  @Test
  void shouldMakeSomeRepsMuchMoreSkilledThanOthers() {
    double best = FLOOR.reps().stream().mapToDouble(Rep::skill).max().orElseThrow();
    double weakest = FLOOR.reps().stream().mapToDouble(Rep::skill).min().orElseThrow();

    assertThat(best / weakest).isGreaterThan(3);
    assertThat(FLOOR.reps()).allSatisfy(rep -> assertThat(rep.skill()).isBetween(0.25, 4.0));
  }

  @Test
  void shouldDrawCustomersFromTheRepsOwnAccountsWithRegulars() {
    Rep rep = FLOOR.reps().get(6);
    SplittableRandom random = new SplittableRandom(1);
    List<String> customers =
        random.ints(1_000).mapToObj(i -> FLOOR.pickCustomerOf(rep, random)).toList();

    assertThat(customers).allMatch(c -> (Long.parseLong(c.substring(2)) - 1) % 60 == 6);
    assertThat(customers.stream().distinct().count())
        .isLessThanOrEqualTo(SalesFloor.ACCOUNTS_PER_REP);
    assertThat(customers.stream().filter("c-7"::equals).count())
        .isGreaterThan(1_000 / SalesFloor.ACCOUNTS_PER_REP);
  }

  @Test
  void shouldRejectAFloorWithoutReps() {
    assertThatThrownBy(() -> SalesFloor.generate(0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reps");
  }

  private static String teamName(Rep rep) {
    return Team.ALL.stream()
        .filter(t -> t.teamId().equals(rep.teamId()))
        .findFirst()
        .orElseThrow()
        .name();
  }
}
