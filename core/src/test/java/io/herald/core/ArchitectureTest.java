package io.herald.core;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Core is the domain: it must run the same behind HTTP, SQS or a test, so it may not know either. */
@AnalyzeClasses(packages = "io.herald.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noHttpOrLambdaTypes = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("jakarta.ws.rs..", "io.quarkus.amazon.lambda..", "com.amazonaws.services.lambda..",
                    "io.vertx.core.http..", "io.quarkus.funqy..", "org.jboss.resteasy..");

    @ArchTest
    static final ArchRule capabilitiesDoNotDependOnEachOtherInCircles = slices().matching("io.herald.core.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyTheStoreTalksToDynamoDb = noClasses().that().resideOutsideOfPackage("io.herald.core.store..")
            .should().dependOnClassesThat().haveFullyQualifiedName("software.amazon.awssdk.services.dynamodb.DynamoDbClient");
}
