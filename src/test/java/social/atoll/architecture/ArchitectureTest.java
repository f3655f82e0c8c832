package social.atoll.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN.md, checked on the compiled classes: arrows point inward ({@code api}, {@code web} and
 * {@code federation} call {@code core}; {@code core} calls {@code infra}), SQL stays in core's stores, and the
 * domain knows nothing of HTTP or JSON shapes.
 */
class ArchitectureTest {

    private static JavaClasses atoll;

    @BeforeAll
    static void importClasses() {
        atoll = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("social.atoll");
    }

    @Test
    void coreKnowsNoDoorsNoHttpAndNoJsonShapes() {
        ArchRule rule = noClasses().that().resideInAPackage("social.atoll.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "social.atoll.api..", "social.atoll.web..", "social.atoll.federation..", "social.atoll.server..",
                        "social.atoll.wiring..", "social.atoll.cli..", "social.atoll.bench..",
                        "io.javalin..", "com.fasterxml.jackson.databind..")
                .because("core is the domain: the doors call it, never the other way, and JSON columns go through infra/db");
        rule.check(atoll);
    }

    @Test
    void apiAndWebReadNoStoreAndHoldNoDatabase() {
        ArchRule rule = noClasses().that().resideInAnyPackage("social.atoll.api..", "social.atoll.web..")
                .should().dependOnClassesThat(resideInAPackage("social.atoll.core..").and(simpleNameEndingWith("Store")))
                .orShould().dependOnClassesThat().resideInAPackage("org.jdbi..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("social.atoll.infra.db.Database")
                .because("SQL lives in core's stores; controllers and views call core services and queries");
        rule.check(atoll);
    }

    @Test
    void federationHoldsNoDatabase() {
        ArchRule rule = noClasses().that().resideInAPackage("social.atoll.federation..")
                .should().dependOnClassesThat().resideInAPackage("org.jdbi..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("social.atoll.infra.db.Database")
                .because("what federation reads and stores goes through core");
        rule.check(atoll);
    }

    @Test
    void infraKnowsNothingAboveIt() {
        ArchRule rule = noClasses().that().resideInAPackage("social.atoll.infra..")
                .should().dependOnClassesThat().resideInAnyPackage("social.atoll.core..", "social.atoll.api..", "social.atoll.web..",
                        "social.atoll.federation..", "social.atoll.server..", "social.atoll.wiring..")
                .because("infra is the machinery every layer uses");
        rule.check(atoll);
    }

    @Test
    void federationPackagesFormNoCycle() {
        slices().matching("social.atoll.federation.(*)..").should().beFreeOfCycles()
                .because("vocab reads and writes AS2, keys and signatures sign, inbox and outbox use them: arrows go one way")
                .check(atoll);
    }

    @Test
    void apiAndWebDoNotImportEachOther() {
        noClasses().that().resideInAPackage("social.atoll.api..").should().dependOnClassesThat().resideInAPackage("social.atoll.web..")
                .check(atoll);
        // The web app renders the very entities the API serves (api.entity: core model -> Mastodon shape, media through
        // the proxy, the viewer's flags), so a post looks the same in every app; it uses nothing else of the API.
        noClasses().that().resideInAPackage("social.atoll.web..").should().dependOnClassesThat(
                        resideInAPackage("social.atoll.api..").and(com.tngtech.archunit.base.DescribedPredicate.not(resideInAPackage("social.atoll.api.entity.."))))
                .check(atoll);
        noClasses().that().resideInAnyPackage("social.atoll.federation..").should().dependOnClassesThat()
                .resideInAnyPackage("social.atoll.api..", "social.atoll.web..").check(atoll);
    }
}
