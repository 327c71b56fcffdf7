package dev.salespulse.tools.simulate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Plausible, varied human names for reps. The two lists have coprime lengths (48 and 47), so rep
 * {@code n} gets a distinct first/last pair for every n below 2,256; beyond that names repeat.
 */
final class Names {
  private static final List<String> FIRST =
      List.of(
          ("Ada Ben Chloe Dmitri Elena Farah Gabriel Hana Ibrahim Julia Kenji Lena Mateo "
                  + "Nadia Oliver Priya Quinn Rosa Samir Tara Uma Victor Wen Ximena Yusuf Zoe Amara "
                  + "Bruno Carmen Diego Esther Felix Grace Hugo Ines Jonas Kofi Leila Marco Nina "
                  + "Omar Paula Rafael Sofia Tomas Valentina William Yara")
              .split(" "));
  private static final List<String> LAST =
      List.of(
          ("Park Okafor Schmidt Rossi Nakamura Haddad Kowalski Silva Novak Chen Fischer "
                  + "Moreau Patel Johansson Garcia O'Brien Ivanova Mensah Dubois Kim Larsen Murphy "
                  + "Tanaka Costa Nguyen Weber Hughes Jensen Kaur Lopez Meyer Nowak Popescu Reyes "
                  + "Santos Svensson Torres Varga Walsh Yilmaz Abbott Bauer Castro Duarte Eriksen "
                  + "Fontaine Grant")
              .split(" "));

  private final List<String> first;
  private final List<String> last;

  Names(long seed) {
    Random random = new Random(seed);
    first = shuffled(FIRST, random);
    last = shuffled(LAST, random);
  }

  /** The name of the rep with 0-based index {@code index}; independent of how many reps exist. */
  String forIndex(int index) {
    return first.get(index % first.size()) + " " + last.get(index % last.size());
  }

  private static List<String> shuffled(List<String> names, Random random) {
    List<String> copy = new ArrayList<>(names);
    Collections.shuffle(copy, random);
    return List.copyOf(copy);
  }
}
