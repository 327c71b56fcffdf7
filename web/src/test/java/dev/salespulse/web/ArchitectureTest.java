package dev.salespulse.web;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure of the web module, as rules the build checks. Web sees the streams module
 * too, so the rule that streams never imports web lives here.
 *
 * <ul>
 *   <li>The app root ({@code SalesPulseApp}) wires everything; only the command line starts it (and
 *       the benchmark in tools/, see the tools module's architecture test).
 *   <li>{@code http} (and {@code webhook}, the other way in over HTTP) depend on the services; no
 *       service depends on them.
 *   <li>The services stand side by side: within web they use only the plumbing ({@code json},
 *       {@code kafka}), which uses no other web package.
 *   <li>Nothing on the serving side uses the command line.
 *   <li>Nothing in web uses the tools module ({@code dev.salespulse.tools}: demo, simulator,
 *       benchmark, importer, embedded broker); the production jar is built without it.
 * </ul>
 */
class ArchitectureTest {
  private static final String PRODUCT = "dev.salespulse";
  private static final String WEB = PRODUCT + ".web";
  private static final List<String> SERVICES =
      List.of("cluster", "disk", "feed", "ingest", "live", "metrics", "recovery");
  private static final List<String> PLUMBING = List.of("json", "kafka");
  private static final List<String> TOOLS = List.of("cli");
  private static final String TOOLS_MODULE = PRODUCT + ".tools";

  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(PRODUCT);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().assignedFrom(packagesUnder(WEB)).should().beFreeOfCycles().check(classes);
  }

  @Test
  void streamsNeverImportsWeb() {
    noClasses()
        .that()
        .resideInAPackage(PRODUCT + ".streams..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(WEB + "..")
        .check(classes);
  }

  @Test
  void onlyTheAppAndTheWebhookEdgeUseHttp() {
    classes()
        .that()
        .resideInAPackage(WEB + ".http..")
        .should()
        .onlyHaveDependentClassesThat()
        .resideInAnyPackage(WEB + ".http..", WEB, WEB + ".webhook..")
        .because("http depends on the services, not the reverse")
        .check(classes);
  }

  @Test
  void servicesUseOnlyThePlumbingOfWeb() {
    for (String service : SERVICES) {
      String[] allowed =
          Stream.concat(Stream.of(service), PLUMBING.stream())
              .map(ArchitectureTest::web)
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage(web(service))
          .should()
          .dependOnClassesThat(resideInAPackage(WEB + "..").and(resideOutsideOfPackages(allowed)))
          .because("the services stand side by side and the app wires them")
          .check(classes);
    }
  }

  @Test
  void plumbingUsesNoOtherWebPackage() {
    for (String plumbing : PLUMBING) {
      noClasses()
          .that()
          .resideInAPackage(web(plumbing))
          .should()
          .dependOnClassesThat(
              resideInAPackage(WEB + "..").and(resideOutsideOfPackages(web(plumbing))))
          .check(classes);
    }
  }

  @Test
  void servingSideNeverUsesTheTools() {
    String[] serving =
        Stream.of(SERVICES, PLUMBING, List.of("http", "webhook"))
            .flatMap(List::stream)
            .map(ArchitectureTest::web)
            .toArray(String[]::new);
    noClasses()
        .that()
        .resideInAnyPackage(serving)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(TOOLS.stream().map(ArchitectureTest::web).toArray(String[]::new))
        .check(classes);
  }

  @Test
  void webNeverUsesTheToolsModule() {
    noClasses()
        .that()
        .resideInAPackage(WEB + "..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(TOOLS_MODULE + "..")
        .because("the production jar and image are built from web alone")
        .check(classes);
  }

  @Test
  void onlyTheCommandLineStartsTheApp() {
    classes()
        .that()
        .resideInAPackage(WEB)
        .should()
        .onlyHaveDependentClassesThat()
        .resideInAnyPackage(WEB, web("cli"))
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackage(web("cli"))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(web("cli"))
        .because("the command line is the entry point")
        .check(classes);
  }

  private static String web(String pkg) {
    return WEB + "." + pkg + "..";
  }

  /** One slice per package directly under {@code root}, and one for {@code root} itself. */
  private static SliceAssignment packagesUnder(String root) {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        if (name.equals(root)) {
          return SliceIdentifier.of("(" + root + ")");
        }
        if (!name.startsWith(root + ".")) {
          return SliceIdentifier.ignore();
        }
        String rest = name.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return SliceIdentifier.of(dot < 0 ? rest : rest.substring(0, dot));
      }

      @Override
      public String getDescription() {
        return "packages under " + root;
      }
    };
  }
}
