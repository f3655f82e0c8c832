package social.atoll.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API reads through core's services and queries, never a database handle or a store; core keeps its JSON
 * columns behind {@code infra/db/JsonColumns} and knows no Jackson.
 */
class ApiReadsThroughCoreTest {

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("social.atoll");
    }

    @Test
    void apiHoldsNoDatabase() {
        noClasses().that().resideInAPackage("social.atoll.api..")
                .should().dependOnClassesThat().resideInAPackage("org.jdbi..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("social.atoll.infra.db.Database")
                .check(classes);
    }

    @Test
    void apiReadsNoStore() {
        noClasses().that().resideInAPackage("social.atoll.api..")
                .should().dependOnClassesThat(resideInAPackage("social.atoll.core..").and(simpleNameEndingWith("Store")))
                .check(classes);
    }

    @Test
    void coreKnowsNoJacksonDatabind() {
        noClasses().that().resideInAPackage("social.atoll.core..")
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson.databind..")
                .check(classes);
    }
}
