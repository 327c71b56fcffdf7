package dev.salespulse.streams;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure of the streams module, as rules the build checks: no package cycles, the
 * write side ({@code topology}) and the read side ({@code query}) apart, and every package in its
 * layer. That streams never imports web is checked in web, which sees both.
 */
class ArchitectureTest {
  private static final String ROOT = "dev.salespulse.streams";
  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().assignedFrom(packagesUnder(ROOT)).should().beFreeOfCycles().check(classes);
  }

  @Test
  void writeSideAndReadSideNeverImportEachOther() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".topology..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".query..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".query..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".topology..")
        .check(classes);
  }

  @Test
  void packagesKeepToTheirLayers() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("runtime")
        .definedBy(ROOT + ".runtime..")
        .layer("topology")
        .definedBy(ROOT + ".topology..")
        .layer("query")
        .definedBy(ROOT + ".query..")
        .layer("stores")
        .definedBy(ROOT + ".stores..")
        .layer("foundation")
        .definedBy(ROOT + ".config..", ROOT + ".events..", ROOT + ".time..")
        .whereLayer("runtime")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("topology")
        .mayOnlyBeAccessedByLayers("runtime")
        .whereLayer("query")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("stores")
        .mayOnlyBeAccessedByLayers("topology", "query")
        .whereLayer("foundation")
        .mayOnlyBeAccessedByLayers("stores", "topology", "query", "runtime")
        .check(classes);
  }

  /** One slice per package directly under {@code root}, and one for {@code root} itself. */
  static SliceAssignment packagesUnder(String root) {
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
