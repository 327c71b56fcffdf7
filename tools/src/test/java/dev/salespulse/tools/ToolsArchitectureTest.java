package dev.salespulse.tools;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tools module against the service, with both on the class path (web's own architecture test
 * sees web and streams only).
 *
 * <ul>
 *   <li>Neither the service (web) nor streams uses the tools: the production jar is built without
 *       them.
 *   <li>The packages of the tools have no cycles.
 *   <li>Of the tools, only the benchmark starts the app; the rest of the service's root package
 *       ({@code LocalParts}) is what the tools provide to it.
 * </ul>
 */
class ToolsArchitectureTest {
  private static final String PRODUCT = "dev.salespulse";
  private static final String TOOLS = PRODUCT + ".tools";
  private static final String WEB = PRODUCT + ".web";

  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages(PRODUCT);
  }

  @Test
  void theServiceNeverUsesTheTools() {
    noClasses()
        .that()
        .resideInAnyPackage(WEB + "..", PRODUCT + ".streams..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(TOOLS + "..")
        .because("the production jar and image are built from web alone")
        .check(classes);
  }

  @Test
  void toolsPackagesHaveNoCycles() {
    slices().matching(TOOLS + ".(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void onlyTheCommandLineAndTheBenchmarkStartTheApp() {
    classes()
        .that()
        .haveFullyQualifiedName(WEB + ".SalesPulseApp")
        .should()
        .onlyHaveDependentClassesThat()
        .resideInAnyPackage(WEB, WEB + ".cli..", TOOLS + ".bench..")
        .check(classes);
  }
}
