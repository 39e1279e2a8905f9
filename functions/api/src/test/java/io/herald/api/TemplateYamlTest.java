package io.herald.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.core.store.Keys;
import io.herald.core.store.TableDefinition;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds {@code template.yaml} to the code: what the build writes, the configuration the code reads, and the
 * table that core creates. A renamed property, a moved zip or a new index fails here, not at deploy time.
 */
class TemplateYamlTest {

    /** Where the quarkus-amazon-lambda(-http) build puts the deployment package, in the module's build directory. */
    private static final String FUNCTION_ZIP = "function.zip";
    private static final String JVM_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
    private static final String NATIVE_HANDLER = "not.used.in.provided.runtime";

    /** Where the worker's build puts its deployment package: one artifact for every worker function. */
    private static final String WORKER_ZIP = "functions/worker/target/function.zip";
    /** Funqy's choice of function: a property of the worker's classpath, not of this module's. */
    private static final String FUNQY_EXPORT = "QUARKUS_FUNQY_EXPORT";
    /** The worker's functions, each an {@code @Funq} method of the worker module. */
    private static final Set<String> WORKER_EXPORTS = Set.of("plan", "generate", "send", "track", "deliver", "reconcile");
    /** The exports that Lambda's SQS triggers feed; plan and reconcile run on schedules. */
    private static final Set<String> SQS_EXPORTS = Set.of("generate", "send", "track", "deliver");
    /** Which queue each queue-URL variable names, by the export that drains that queue. */
    private static final Map<String, String> QUEUE_URL_DRAINED_BY = Map.of(
            "HERALD_QUEUES_SEND_URL", "send",
            "HERALD_QUEUES_GENERATE_URL", "generate",
            "HERALD_QUEUES_TRACK_URL", "track",
            "HERALD_QUEUES_WEBHOOKS_URL", "deliver");
    /** The public routes outside /v1 that providers and recipients' mail clients call, with the methods they use. */
    private static final Map<String, Set<String>> PUBLIC_ROUTES = Map.of(
            "/hooks/{provider}/{tenantId}", Set.of("POST"),
            "/t/o/{token}", Set.of("GET", "HEAD"),
            "/t/c/{token}", Set.of("GET", "HEAD"));
    /** What Lambda's SQS trigger needs to honour the worker's {@code batchItemFailures}. */
    private static final String REPORT_BATCH_ITEM_FAILURES = "ReportBatchItemFailures";
    /** As the issue asks: a message failing this many receives moves to its DLQ. */
    private static final int MAX_RECEIVE_COUNT = 5;

    /** Environment variables read by a runtime class directly rather than through configuration, and the reader. */
    private static final Map<String, String> READ_BY_RUNTIME = Map.of(
            "DISABLE_SIGNAL_HANDLERS", "io.quarkus.runtime.ApplicationLifecycleManager");

    private static Path repoRoot;
    private static Path buildDir;
    private static Map<String, Object> template;

    /** A CloudFormation intrinsic function in short form ({@code !Ref}, {@code !Sub}, ...) and its argument. */
    record Intrinsic(String tag, Object value) {
    }

    @BeforeAll
    static void loadTemplate() throws IOException, URISyntaxException {
        buildDir = Path.of(TemplateYamlTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        repoRoot = Stream.iterate(buildDir, dir -> dir != null, Path::getParent)
                .filter(dir -> Files.exists(dir.resolve("template.yaml"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no template.yaml above " + buildDir));
        template = load(repoRoot.resolve("template.yaml"));
    }

    @Test
    void theApiFunctionDeploysWhatTheBuildWrites() {
        Map<String, Object> function = properties(apiFunction());

        assertThat(function.get("CodeUri")).isEqualTo(slashes(repoRoot.relativize(buildDir.resolve(FUNCTION_ZIP))));
        String runtime = (String) function.get("Runtime");
        if (runtime.startsWith("java")) {
            assertThat(function.get("Handler")).isEqualTo(JVM_HANDLER);
        } else {
            assertThat(runtime).as("a native executable runs on the OS-only runtime").isEqualTo("provided.al2023");
            assertThat(function.get("Handler")).isEqualTo(NATIVE_HANDLER);
        }
        assertThat(classExists(JVM_HANDLER.substring(0, JVM_HANDLER.indexOf(':')))).as("the Quarkus Lambda handler is on the classpath").isTrue();
    }

    @Test
    void everyEnvironmentVariableIsReadByTheCode() {
        Set<String> readable = readableEnvironment();
        functions().forEach((name, function) -> {
            Set<String> variables = new TreeSet<>(environment(properties(function)).keySet());
            if (isWorker(function)) {
                variables.remove(FUNQY_EXPORT);
            }
            assertThat(variables).as(name + ": environment variables that no configuration property or runtime class reads")
                    .allMatch(readable::contains, "is read by the code");
        });
    }

    /**
     * The worst case of one generation: a model call and one repair call, each making every attempt up to its
     * timeout and waiting the longest back-off (or retry-after) in between. It must end before the function's
     * timeout, or the caller gets the gateway's error instead of the template composer's content.
     */
    @Test
    void theWorstCaseGenerationEndsBeforeTheFunctionTimesOut() {
        Map<String, Object> function = properties(apiFunction());
        Map<String, Object> variables = environment(function);
        long timeout = seconds(variables.get("HERALD_GENERATION_TIMEOUT"));
        long retries = Long.parseLong(String.valueOf(variables.get("HERALD_GENERATION_MAX_RETRIES")));
        long longestPause = Math.max(seconds(variables.get("HERALD_GENERATION_MAX_DELAY")) + 1,
                seconds(variables.get("HERALD_GENERATION_MAX_RETRY_AFTER")));
        long oneCall = (retries + 1) * timeout + retries * longestPause;

        assertThat(2 * oneCall).as("model call + repair, worst case, in seconds")
                .isLessThan(((Number) function.get("Timeout")).longValue() - 1);
    }

    private static long seconds(Object duration) {
        String text = String.valueOf(duration);
        assertThat(text).as("a duration in whole seconds such as 5s").matches("[0-9]+s");
        return Long.parseLong(text.substring(0, text.length() - 1));
    }

    @Test
    void secretsArePassedByReferenceOnly() {
        assertThat(environment(properties(apiFunction()))).containsKey("HERALD_ADMIN_KEY_PARAMETER");
        functions().forEach((function, resource) -> {
            Map<String, Object> variables = environment(properties(resource));
            assertThat(variables).as(function + ": the literal keys are for local runs only")
                    .doesNotContainKeys("HERALD_ADMIN_KEY", "HERALD_SECRETS_KEY", "HERALD_UNSUBSCRIBE_SIGNING_KEY", "HERALD_TRACKING_SIGNING_KEY");
            variables.forEach((name, value) -> {
                if (name.matches(".*_(KEY|SECRET|TOKEN|PASSWORD)")) {
                    assertThat(String.valueOf(value)).as(function + ": " + name + " comes from a dynamic reference, never a value in the template")
                            .contains("{{resolve:secretsmanager:");
                }
            });
        });
    }

    @Test
    void theTableHasTheKeysCoreCreates() {
        CreateTableRequest expected = TableDefinition.createRequest("any");
        Map<String, Object> table = properties(resourcesOfType("AWS::DynamoDB::Table").values().iterator().next());

        assertThat(table.get("BillingMode")).isEqualTo(expected.billingModeAsString());
        assertThat(maps(table.get("AttributeDefinitions")).stream()
                .collect(Collectors.toMap(a -> a.get("AttributeName"), a -> a.get("AttributeType"))))
                .isEqualTo(expected.attributeDefinitions().stream()
                        .collect(Collectors.toMap(a -> a.attributeName(), a -> a.attributeTypeAsString())));
        assertThat(keySchema(table.get("KeySchema"))).isEqualTo(keySchema(expected.keySchema()));
        assertThat(maps(table.get("GlobalSecondaryIndexes")).stream().collect(Collectors.toMap(
                index -> index.get("IndexName"),
                index -> keySchema(index.get("KeySchema")) + " " + ((Map<?, ?>) index.get("Projection")).get("ProjectionType"))))
                .isEqualTo(expected.globalSecondaryIndexes().stream().collect(Collectors.toMap(
                        index -> index.indexName(),
                        index -> keySchema(index.keySchema()) + " " + index.projection().projectionTypeAsString())));
    }

    @Test
    void theTableIsRecoverableAndExpiresWhatCoreMarks() {
        Map<String, Object> table = properties(resourcesOfType("AWS::DynamoDB::Table").values().iterator().next());

        assertThat(table.get("PointInTimeRecoverySpecification")).isEqualTo(Map.of("PointInTimeRecoveryEnabled", true));
        assertThat(table.get("TimeToLiveSpecification")).isEqualTo(Map.of("AttributeName", Keys.EXPIRES_AT, "Enabled", true));
    }

    // --- the worker, its queues and alarms

    @Test
    void theWorkerFunctionsDeployTheWorkerBuildOneExportEach() {
        Map<String, Object> api = properties(apiFunction());
        Map<String, Map<String, Object>> workers = workerFunctions();

        assertThat(workers.values()).extracting(function -> environment(properties(function)).get(FUNQY_EXPORT))
                .as("one function per export").containsExactlyInAnyOrderElementsOf(WORKER_EXPORTS);
        workers.forEach((name, function) -> {
            Map<String, Object> worker = properties(function);
            assertThat(worker.get("Runtime")).as(name + ": native, like the api").isEqualTo(api.get("Runtime"));
            assertThat(worker.get("Handler")).as(name).isEqualTo(api.get("Handler"));
            assertThat(worker.get("Architectures")).as(name + ": built on the same machine as the api").isEqualTo(api.get("Architectures"));
        });
    }

    @Test
    void thePlannerRunsEveryMinuteOnAnEventBridgeSchedule() {
        Map<String, Object> plan = properties(workerFunction("plan"));
        List<Map<String, Object>> schedules = events(plan, "Schedule");

        assertThat(schedules).hasSize(1);
        assertThat(schedules.get(0).get("Schedule")).isEqualTo("rate(1 minute)");
        assertThat(events(plan, "SQS")).isEmpty();
        assertThat(((Number) plan.get("Timeout")).intValue()).as("a tick ends within its minute").isLessThanOrEqualTo(60);
    }

    @Test
    void everySqsTriggeredFunctionReportsBatchItemFailuresWithBoundedBatchesAndConcurrency() {
        Map<String, Map<String, Object>> triggered = new LinkedHashMap<>();
        functions().forEach((name, function) -> {
            if (!events(properties(function), "SQS").isEmpty()) {
                triggered.put(name, function);
            }
        });

        assertThat(triggered.values()).extracting(function -> environment(properties(function)).get(FUNQY_EXPORT))
                .containsExactlyInAnyOrderElementsOf(SQS_EXPORTS);
        triggered.forEach((name, function) -> events(properties(function), "SQS").forEach(event -> {
            assertThat(event.get("FunctionResponseTypes")).as(name + ": failed items alone go back to the queue")
                    .isEqualTo(List.of(REPORT_BATCH_ITEM_FAILURES));
            assertThat(((Number) event.get("BatchSize")).intValue()).as(name + ": batch size").isBetween(1, 10);
            assertThat(((Number) event.get("MaximumBatchingWindowInSeconds")).intValue()).as(name + ": batching window").isBetween(0, 300);
            Object concurrency = asMap(event.get("ScalingConfig")).get("MaximumConcurrency");
            assertThat(concurrency).as(name + ": the concurrency that protects providers and the model is a parameter").isInstanceOf(Intrinsic.class);
            Map<String, Object> parameter = asMap(asMap(template.get("Parameters")).get(((Intrinsic) concurrency).value()));
            assertThat(((Number) parameter.get("MinValue")).intValue()).as(name + ": SQS triggers take 2 or more").isGreaterThanOrEqualTo(2);
        }));
    }

    @Test
    void everyWorkQueueMovesAMessageToItsOwnDlqAfterFiveReceives() {
        Map<String, Map<String, Object>> queues = resourcesOfType("AWS::SQS::Queue");
        Set<String> deadLetterQueues = deadLetterQueues();

        assertThat(deadLetterQueues).as("DLQs in template.yaml").isNotEmpty();
        Set<String> served = new TreeSet<>();
        queues.forEach((name, queue) -> {
            Map<String, Object> properties = properties(queue);
            if (deadLetterQueues.contains(name)) {
                assertThat(properties).as(name + ": a DLQ is the end of the line").doesNotContainKey("RedrivePolicy");
                assertThat(properties.get("MessageRetentionPeriod")).as(name + ": dead letters wait 14 days for an operator").isEqualTo(1_209_600);
                return;
            }
            Map<String, Object> redrive = asMap(properties.get("RedrivePolicy"));
            // Outbound webhooks retry as new messages (herald.webhooks.retry-schedule), so five receives hold there too.
            assertThat(redrive.get("maxReceiveCount")).as(name + ": maxReceiveCount").isEqualTo(MAX_RECEIVE_COUNT);
            String dlq = target(redrive.get("deadLetterTargetArn"));
            assertThat(served.add(dlq)).as(name + ": its DLQ " + dlq + " serves no other queue").isTrue();
        });
        assertThat(served).isEqualTo(deadLetterQueues);
    }

    @Test
    void everyQueueHidesAMessageAtLeastSixTimesAsLongAsItsConsumerMayRun() {
        Map<String, Map<String, Object>> queues = resourcesOfType("AWS::SQS::Queue");
        Set<String> consumed = new TreeSet<>();
        functions().forEach((name, function) -> events(properties(function), "SQS").forEach(event -> {
            String queue = target(event.get("Queue"));
            consumed.add(queue);
            long visibility = ((Number) properties(queues.get(queue)).get("VisibilityTimeout")).longValue();
            long timeout = ((Number) properties(function).get("Timeout")).longValue();
            assertThat(visibility).as(queue + "'s visibility timeout against " + name + "'s timeout of " + timeout + " s")
                    .isGreaterThanOrEqualTo(6 * timeout);
        }));
        Set<String> workQueues = new TreeSet<>(queues.keySet());
        workQueues.removeAll(deadLetterQueues());
        assertThat(consumed).as("every work queue has exactly its consumer").isEqualTo(workQueues);
    }

    @Test
    void theWorkerReadsTheQueuesItsTriggersDrain() {
        assertThat(QUEUE_URL_DRAINED_BY.keySet()).as("every queue URL the code reads has a drainer here")
                .isSubsetOf(readableEnvironment());
        functions().forEach((name, function) -> {
            Map<String, Object> variables = environment(properties(function));
            QUEUE_URL_DRAINED_BY.forEach((variable, export) -> {
                Object url = variables.get(variable);
                if (url != null) {
                    assertThat(url).as(name + ": " + variable).isEqualTo(new Intrinsic("!Ref", drainedQueue(export)));
                }
            });
        });
    }

    /** Whoever is given a queue's URL writes to it: it may SendMessage there, and nowhere else. */
    @Test
    void everyFunctionMaySendToTheQueuesItIsGivenAndNoOthers() {
        functions().forEach((name, function) -> {
            Set<String> given = new TreeSet<>();
            environment(properties(function)).forEach((variable, value) -> {
                if (variable.matches("HERALD_QUEUES_[A-Z]+_URL")) {
                    given.add(target(value));
                }
            });
            Set<String> sendable = new TreeSet<>();
            statementsOf(properties(function)).stream().filter(statement -> actions(statement).contains("sqs:SendMessage"))
                    .forEach(statement -> resourcesOf(statement).forEach(resource -> sendable.add(target(resource))));
            assertThat(sendable).as(name + ": the queues it may send to are the queues it is given").isEqualTo(given);
        });
    }

    /** Whoever is given a key's SSM parameter may read that parameter. */
    @Test
    void everyFunctionMayReadTheKeyParametersItIsGiven() {
        functions().forEach((name, function) -> {
            Set<String> readable = new TreeSet<>();
            statementsOf(properties(function)).stream().filter(statement -> actions(statement).contains("ssm:GetParameter"))
                    .forEach(statement -> resourcesOf(statement).forEach(resource -> readable.add(String.valueOf(resource))));
            environment(properties(function)).forEach((variable, value) -> {
                if (variable.endsWith("_KEY_PARAMETER")) {
                    assertThat(value).as(name + ": " + variable + " names a parameter of the template").isInstanceOf(Intrinsic.class);
                    String parameter = String.valueOf(((Intrinsic) value).value());
                    assertThat(readable).as(name + " may read " + variable).contains(String.valueOf(new Intrinsic("!Sub",
                            "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${" + parameter + "}")));
                }
            });
        });
    }

    /** Whoever is given the table may use it and its indexes (SAM's DynamoDBCrudPolicy, or the same actions in a role). */
    @Test
    void everyFunctionGivenTheTableMayUseIt() {
        String table = resourcesOfType("AWS::DynamoDB::Table").keySet().iterator().next();
        functions().forEach((name, function) -> {
            Map<String, Object> properties = properties(function);
            assertThat(environment(properties).get("HERALD_STORE_TABLE")).as(name + ": the table").isEqualTo(new Intrinsic("!Ref", table));
            boolean crudPolicy = properties.get("Policies") instanceof List<?> policies && policies.stream()
                    .anyMatch(policy -> policy instanceof Map<?, ?> map && map.containsKey("DynamoDBCrudPolicy"));
            if (crudPolicy) {
                return;
            }
            List<Map<String, Object>> onTable = statementsOf(properties).stream()
                    .filter(statement -> resourcesOf(statement).contains(new Intrinsic("!GetAtt", table + ".Arn"))).toList();
            assertThat(onTable).as(name + ": a statement on the table").hasSize(1);
            assertThat(actions(onTable.get(0))).as(name).contains("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                    "dynamodb:Query", "dynamodb:BatchWriteItem");
            assertThat(resourcesOf(onTable.get(0))).as(name + ": and its indexes").contains(new Intrinsic("!Sub", "${" + table + ".Arn}/index/*"));
        });
    }

    @Test
    void theTrackFunctionDrainsTheTrackQueueAndTheSesEventsQueue() {
        Set<String> drained = drainedQueues("track");
        String sesQueue = sesEventsQueue();

        assertThat(drained).as("track's queues").containsExactlyInAnyOrder(drainedQueue("track"), sesQueue);
        assertThat(environment(properties(workerFunction("track")))).as("track writes outbound webhooks")
                .containsEntry("HERALD_QUEUES_WEBHOOKS_URL", new Intrinsic("!Ref", drainedQueue("deliver")));
        assertThat(functions().values().stream().flatMap(f -> environment(properties(f)).values().stream()))
                .as("no function is given the SES events queue: only its topic writes there").doesNotContain(new Intrinsic("!Ref", sesQueue));
    }

    /**
     * The track function trusts what is on the SES events queue (no signature to check there): only the SES events
     * topic may send to it, the subscription says explicitly which body shape arrives, and the topic's ARN is an
     * output, since a tenant's configuration set must name it.
     */
    @Test
    void onlyTheSesEventsTopicWritesIntoTheSesEventsQueue() {
        String queue = sesEventsQueue();
        Map<String, Object> subscription = properties(sesSubscription());
        String topic = target(subscription.get("TopicArn"));
        assertThat(subscription.get("RawMessageDelivery")).as("the body shape is chosen, not left to a default").isInstanceOf(Boolean.class);

        List<Map<String, Object>> policies = resourcesOfType("AWS::SQS::QueuePolicy").values().stream().map(TemplateYamlTest::properties)
                .filter(policy -> ((List<?>) policy.get("Queues")).contains(new Intrinsic("!Ref", queue))).toList();
        assertThat(policies).as("one policy on " + queue).hasSize(1);
        List<Map<String, Object>> statements = maps(asMap(policies.get(0).get("PolicyDocument")).get("Statement"));
        assertThat(statements).hasSize(1);
        Map<String, Object> statement = statements.get(0);
        assertThat(statement.get("Effect")).isEqualTo("Allow");
        assertThat(statement.get("Principal")).isEqualTo(Map.of("Service", "sns.amazonaws.com"));
        assertThat(actions(statement)).containsExactly("sqs:SendMessage");
        assertThat(statement.get("Resource")).isEqualTo(new Intrinsic("!GetAtt", queue + ".Arn"));
        assertThat(statement.get("Condition")).as("only the SES events topic").isEqualTo(
                Map.of("ArnEquals", Map.of("aws:SourceArn", new Intrinsic("!Ref", topic))));

        assertThat(asMap(template.get("Outputs")).values().stream().map(output -> asMap(output).get("Value")))
                .as("the topic's ARN, for the tenants' configuration sets").contains(new Intrinsic("!Ref", topic));
        assertThat(asMap(template.get("Resources")).get(topic)).as(topic).isNotNull();
    }

    /** Opens and clicks are first-party: SES's own tracking would rewrite the links again and count each click twice. */
    @Test
    void theConfigurationSetPublishesDeliveryEventsToTheSesEventsTopicButNoOpensOrClicks() {
        String topic = target(properties(sesSubscription()).get("TopicArn"));
        Map<String, Map<String, Object>> destinations = resourcesOfType("AWS::SES::ConfigurationSetEventDestination");

        destinations.forEach((name, resource) -> {
            Map<String, Object> destination = asMap(properties(resource).get("EventDestination"));
            assertThat(asMap(destination.get("SnsDestination")).get("TopicARN")).as(name).isEqualTo(new Intrinsic("!Ref", topic));
            assertThat(((List<?>) destination.get("MatchingEventTypes")).stream().map(String::valueOf).toList()).as(name)
                    .contains("delivery", "bounce", "complaint", "deliveryDelay").doesNotContain("open", "click");
        });
    }

    /**
     * The reconcile rebuilds one campaign, named by its input: a plain schedule's event names none and would fail
     * every time. Any schedule must carry a constant input, and an asynchronous run is never retried.
     */
    @Test
    void theReconcileRunsOnDemandOrOnASchedulePerCampaign() {
        Map<String, Object> reconcile = properties(workerFunction("reconcile"));

        assertThat(events(reconcile, "SQS")).isEmpty();
        events(reconcile, "Schedule").forEach(schedule -> assertThat(String.valueOf(schedule.get("Input")))
                .as("a reconcile schedule names its campaign").contains("tenantId", "campaignId"));
        assertThat(((Number) reconcile.get("Timeout")).intValue()).as("Lambda's limit").isLessThanOrEqualTo(900);
        assertThat(asMap(reconcile.get("EventInvokeConfig")).get("MaximumRetryAttempts")).as("running it again recomputes the same").isEqualTo(0);
        assertThat(asMap(template.get("Outputs")).values().stream().map(output -> asMap(output).get("Value")))
                .as("its name, to invoke it").contains(new Intrinsic("!Ref", workerFunctions().entrySet().stream()
                        .filter(e -> "reconcile".equals(environment(properties(e.getValue())).get(FUNQY_EXPORT))).findFirst().orElseThrow().getKey()));
    }

    /**
     * Providers and mail clients call routes outside /v1 without an API key: the HTTP API must pass them, every
     * method included (HEAD from link scanners), to the api, and no authorizer may stand in front of them. Every
     * path the api's resources declare must be routed too.
     */
    @Test
    void thePublicRoutesAndEveryResourcePathReachTheApi() {
        List<Map<String, Object>> routes = events(properties(apiFunction()), "HttpApi");
        assertThat(routes).as("the api's HTTP API events").isNotEmpty();
        Map<String, Object> httpApi = properties(asMap(asMap(template.get("Resources")).get(target(routes.get(0).get("ApiId")))));
        assertThat(httpApi.get("Auth")).as("no default authorizer: the api authenticates, and public routes have none").isNull();

        PUBLIC_ROUTES.forEach((path, methods) -> methods.forEach(method ->
                assertThat(routed(routes, method, path)).as(method + " " + path + " reaches the api").isTrue()));
        apiResourcePaths().forEach(path ->
                assertThat(routed(routes, "GET", path) || routed(routes, "POST", path)).as(path + " (declared by the api) is routed").isTrue());
        assertThat(apiResourcePaths()).as("the api declares the webhook receiver").contains("/hooks/{provider}/{tenantId}");
    }

    /** Whether one of the HttpApi events routes the request: the catch-all ($default: no Path) or a matching path and method. */
    private static boolean routed(List<Map<String, Object>> routes, String method, String path) {
        for (Map<String, Object> route : routes) {
            Object routePath = route.get("Path");
            if (routePath == null || "$default".equals(routePath)) {
                return true;
            }
            Object routeMethod = route.get("Method");
            boolean methodMatches = routeMethod == null || "ANY".equalsIgnoreCase(String.valueOf(routeMethod))
                    || method.equalsIgnoreCase(String.valueOf(routeMethod));
            String pattern = java.util.Arrays.stream(String.valueOf(routePath).split("/", -1))
                    .map(segment -> segment.matches("\\{[^}]+\\+}") ? ".+" : segment.matches("\\{[^}]+}") ? "[^/]+"
                            : java.util.regex.Pattern.quote(segment))
                    .collect(Collectors.joining("/"));
            if (methodMatches && path.replaceAll("\\{[^}]+}", "x").matches(pattern)) {
                return true;
            }
        }
        return false;
    }

    /** The JAX-RS paths of the api's resources (a class's @Path, joined with its methods'). */
    private static Set<String> apiResourcePaths() {
        Set<String> paths = new TreeSet<>();
        classNamesUnder("io/herald/api").stream().map(TemplateYamlTest::loadQuietly).flatMap(Optional::stream)
                .filter(type -> type.isAnnotationPresent(jakarta.ws.rs.Path.class)).forEach(type -> {
                    String base = type.getAnnotation(jakarta.ws.rs.Path.class).value();
                    paths.add(base);
                    for (Method method : type.getDeclaredMethods()) {
                        if (method.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                            paths.add((base + "/" + method.getAnnotation(jakarta.ws.rs.Path.class).value()).replaceAll("/+", "/"));
                        }
                    }
                });
        return paths;
    }

    @Test
    void everyDlqHasADepthAlarmOnTheAlarmTopic() {
        Map<String, Map<String, Object>> alarms = alarms("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName");

        for (String dlq : deadLetterQueues()) {
            Map<String, Object> alarm = alarms.get(dlq);
            assertThat(alarm).as("an alarm on the depth of " + dlq).isNotNull();
            assertThat(((Number) alarm.get("Threshold")).intValue()).as(dlq + ": one dead letter is enough").isZero();
            assertThat(alarm.get("ComparisonOperator")).isEqualTo("GreaterThanThreshold");
            assertThat(alarm.get("TreatMissingData")).isEqualTo("notBreaching");
            assertNotifiesTheTopic(dlq, alarm);
        }
    }

    @Test
    void everyFunctionHasAnErrorsAlarmOnTheAlarmTopic() {
        Map<String, Map<String, Object>> alarms = alarms("AWS/Lambda", "Errors", "FunctionName");

        for (String function : functions().keySet()) {
            Map<String, Object> alarm = alarms.get(function);
            assertThat(alarm).as("an alarm on the errors of " + function).isNotNull();
            assertThat(((Number) alarm.get("Threshold")).intValue()).isZero();
            assertThat(alarm.get("Statistic")).isEqualTo("Sum");
            assertNotifiesTheTopic(function, alarm);
        }
    }

    /**
     * Without a role of its own, an SQS-triggered function gets SAM's AWSLambdaSQSQueueExecutionRole, which may
     * receive and delete on every queue of the account: each has its own role, scoped to its own queue.
     */
    @Test
    void sqsTriggeredFunctionsMayReceiveOnlyFromTheirOwnQueues() {
        Map<String, Map<String, Object>> roles = resourcesOfType("AWS::IAM::Role");
        functions().forEach((name, function) -> {
            List<Map<String, Object>> triggers = events(properties(function), "SQS");
            if (triggers.isEmpty()) {
                return;
            }
            Object role = properties(function).get("Role");
            assertThat(role).as(name + " has a role of its own").isNotNull();
            List<Map<String, Object>> statements = statements(properties(roles.get(target(role))));
            List<Object> receivable = statements.stream().filter(statement -> actions(statement).contains("sqs:ReceiveMessage"))
                    .flatMap(statement -> resourcesOf(statement).stream()).toList();
            assertThat(receivable).as(name + ": where it may receive").containsExactlyInAnyOrderElementsOf(
                    triggers.stream().map(event -> (Object) new Intrinsic("!GetAtt", target(event.get("Queue")) + ".Arn")).toList());
        });
        roles.forEach((name, role) -> statements(properties(role)).forEach(statement ->
                assertThat(statement.get("Resource")).as(name + ": " + statement.get("Sid") + " names its resources").isNotEqualTo("*")));
    }

    // --- what the code reads

    /** Env names of Herald's @ConfigMapping properties, every Quarkus extension's properties, and the keys of the properties files. */
    private static Set<String> readableEnvironment() {
        Set<String> properties = new TreeSet<>();
        heraldConfigMappings().forEach(mapping -> collect(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, properties));
        properties.addAll(extensionProperties());
        properties.addAll(applicationProperties());
        Set<String> env = properties.stream().map(TemplateYamlTest::envName).collect(Collectors.toCollection(TreeSet::new));
        READ_BY_RUNTIME.forEach((name, reader) -> {
            if (classMentions(reader, name)) {
                env.add(name);
            }
        });
        return env;
    }

    private static void collect(String prefix, Class<?> mapping, Set<String> into) {
        for (Method method : mapping.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0
                    || Map.class.isAssignableFrom(method.getReturnType())) {
                continue;
            }
            String name = method.isAnnotationPresent(WithParentName.class) ? prefix
                    : prefix + "." + Optional.ofNullable(method.getAnnotation(WithName.class)).map(WithName::value).orElse(kebab(method.getName()));
            Optional<Class<?>> group = group(method);
            if (group.isPresent()) {
                collect(name, group.get(), into);
            } else {
                into.add(name);
            }
        }
    }

    /** A nested configuration group: an interface of the application's own, directly or in an Optional. */
    private static Optional<Class<?>> group(Method method) {
        Class<?> type = method.getReturnType();
        if (type == Optional.class && method.getGenericReturnType() instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> argument) {
            type = argument;
        }
        return type.isInterface() && !type.getName().startsWith("java.") ? Optional.of(type) : Optional.empty();
    }

    private static List<Class<?>> heraldConfigMappings() {
        return classNamesUnder("io/herald").stream()
                .map(TemplateYamlTest::loadQuietly).flatMap(Optional::stream)
                .filter(type -> type.isInterface() && type.isAnnotationPresent(ConfigMapping.class))
                .toList();
    }

    private static Set<String> extensionProperties() {
        ObjectMapper json = new ObjectMapper();
        Set<String> properties = new TreeSet<>();
        resources("META-INF/quarkus-config-doc/quarkus-config-model.json").forEach(url -> {
            try (InputStream in = open(url)) {
                json.readTree(in).findParents("path").forEach(item -> {
                    JsonNode property = item.path("path").path("property");
                    if (property.isTextual()) {
                        properties.add(property.asText());
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return properties;
    }

    /** Keys of every properties file SmallRye Config reads from the classpath (the api's and core's defaults). */
    private static Set<String> applicationProperties() {
        Set<String> keys = new TreeSet<>();
        Stream.of("application.properties", "META-INF/microprofile-config.properties").map(TemplateYamlTest::resources).flatMap(List::stream)
                .forEach(url -> {
                    Properties properties = new Properties();
                    try (InputStream in = open(url)) {
                        properties.load(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    properties.stringPropertyNames().forEach(key -> keys.add(key.replaceFirst("^%[^.]+\\.", "")));
                });
        return keys;
    }

    /** SmallRye Config's mapping from a property name to its environment variable. */
    private static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the class's constant pool holds the string: it reads that variable by name. */
    private static boolean classMentions(String className, String text) {
        URL url = TemplateYamlTest.class.getClassLoader().getResource(className.replace('.', '/') + ".class");
        if (url == null) {
            return false;
        }
        try (InputStream in = open(url)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> classNamesUnder(String packagePath) {
        Set<String> names = new TreeSet<>();
        for (URL root : resources(packagePath)) {
            try {
                if (root.getProtocol().equals("file")) {
                    Path dir = Path.of(root.toURI());
                    Path classpathRoot = dir;
                    for (int i = 0; i < Path.of(packagePath).getNameCount(); i++) {
                        classpathRoot = classpathRoot.getParent();
                    }
                    Path base = classpathRoot;
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.map(file -> slashes(base.relativize(file))).filter(name -> name.endsWith(".class")).forEach(names::add);
                    }
                } else if (root.getProtocol().equals("jar")) {
                    URLConnection connection = root.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = ((JarURLConnection) connection).getJarFile()) {
                        jar.stream().map(entry -> entry.getName())
                                .filter(name -> name.startsWith(packagePath + "/") && name.endsWith(".class")).forEach(names::add);
                    }
                }
            } catch (IOException | URISyntaxException e) {
                throw new IllegalStateException("cannot list " + root, e);
            }
        }
        return names.stream().map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Optional<Class<?>> loadQuietly(String name) {
        try {
            return Optional.of(Class.forName(name, false, TemplateYamlTest.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError unloadable) {
            return Optional.empty();
        }
    }

    private static boolean classExists(String name) {
        return loadQuietly(name).isPresent();
    }

    private static List<URL> resources(String name) {
        try {
            return Collections.list(TemplateYamlTest.class.getClassLoader().getResources(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(URL url) throws IOException {
        URLConnection connection = url.openConnection();
        connection.setUseCaches(false);
        return connection.getInputStream();
    }

    // --- the template

    private static Map<String, Object> apiFunction() {
        Map<String, Object> api = functions().get("ApiFunction");
        assertThat(api).as("ApiFunction in template.yaml").isNotNull();
        return api;
    }

    private static Map<String, Map<String, Object>> functions() {
        return resourcesOfType("AWS::Serverless::Function");
    }

    private static boolean isWorker(Map<String, Object> function) {
        return WORKER_ZIP.equals(properties(function).get("CodeUri"));
    }

    private static Map<String, Map<String, Object>> workerFunctions() {
        Map<String, Map<String, Object>> workers = new LinkedHashMap<>();
        functions().forEach((name, function) -> {
            if (isWorker(function)) {
                workers.put(name, function);
            }
        });
        return workers;
    }

    private static Map<String, Object> workerFunction(String export) {
        return workerFunctions().values().stream()
                .filter(function -> export.equals(environment(properties(function)).get(FUNQY_EXPORT)))
                .findFirst().orElseThrow(() -> new AssertionError("no worker function exports " + export));
    }

    /** The properties of the function's events of one type (SQS, Schedule, HttpApi). */
    private static List<Map<String, Object>> events(Map<String, Object> function, String type) {
        Object events = function.get("Events");
        if (events == null) {
            return List.of();
        }
        return asMap(events).values().stream().map(TemplateYamlTest::asMap)
                .filter(event -> type.equals(event.get("Type"))).map(TemplateYamlTest::properties).toList();
    }

    /** Queues that another queue's redrive policy names as its dead-letter target. */
    private static Set<String> deadLetterQueues() {
        Set<String> targets = new TreeSet<>();
        resourcesOfType("AWS::SQS::Queue").values().forEach(queue -> {
            Object redrive = properties(queue).get("RedrivePolicy");
            if (redrive != null) {
                targets.add(target(asMap(redrive).get("deadLetterTargetArn")));
            }
        });
        return targets;
    }

    /** Alarms on one metric, by the resource their one dimension names. */
    private static Map<String, Map<String, Object>> alarms(String namespace, String metric, String dimension) {
        Map<String, Map<String, Object>> byResource = new LinkedHashMap<>();
        resourcesOfType("AWS::CloudWatch::Alarm").values().stream().map(TemplateYamlTest::properties)
                .filter(alarm -> namespace.equals(alarm.get("Namespace")) && metric.equals(alarm.get("MetricName")))
                .forEach(alarm -> maps(alarm.get("Dimensions")).stream().filter(d -> dimension.equals(d.get("Name")))
                        .forEach(d -> byResource.put(target(d.get("Value")), alarm)));
        return byResource;
    }

    private static void assertNotifiesTheTopic(String watched, Map<String, Object> alarm) {
        Set<String> topics = resourcesOfType("AWS::SNS::Topic").keySet();
        assertThat(alarm.get("AlarmActions")).as(watched + "'s alarm notifies").isInstanceOf(List.class);
        assertThat(((List<?>) alarm.get("AlarmActions")).stream().map(TemplateYamlTest::target))
                .as(watched + "'s alarm notifies a topic of the template").isNotEmpty().allMatch(topics::contains);
    }

    /** The queue the export's SQS trigger drains, apart from the SES events queue (which only its topic fills). */
    private static String drainedQueue(String export) {
        String ses = sesEventsQueue();
        List<String> queues = drainedQueues(export).stream().filter(queue -> !queue.equals(ses)).toList();
        assertThat(queues).as(export + " drains one queue of Herald's own").hasSize(1);
        return queues.get(0);
    }

    private static Set<String> drainedQueues(String export) {
        Set<String> queues = new TreeSet<>();
        events(properties(workerFunction(export)), "SQS").forEach(event -> queues.add(target(event.get("Queue"))));
        return queues;
    }

    /** The one SQS subscription of an SNS topic: SES events into their queue. */
    private static Map<String, Object> sesSubscription() {
        List<Map<String, Object>> subscriptions = resourcesOfType("AWS::SNS::Subscription").values().stream()
                .filter(subscription -> "sqs".equals(properties(subscription).get("Protocol"))).toList();
        assertThat(subscriptions).as("SNS subscriptions into SQS").hasSize(1);
        return subscriptions.get(0);
    }

    private static String sesEventsQueue() {
        return target(properties(sesSubscription()).get("Endpoint"));
    }

    /**
     * Every IAM statement a function has: its own role's, or its SAM policies' inline statements (an {@code !If}
     * contributes both branches' statements).
     */
    private static List<Map<String, Object>> statementsOf(Map<String, Object> function) {
        Object role = function.get("Role");
        if (role != null) {
            return statements(properties(asMap(asMap(template.get("Resources")).get(target(role)))));
        }
        List<Map<String, Object>> found = new java.util.ArrayList<>();
        Object policies = function.get("Policies");
        if (policies instanceof List<?> list) {
            for (Object policy : list) {
                collectStatements(policy, found);
            }
        }
        return found;
    }

    private static void collectStatements(Object policy, List<Map<String, Object>> into) {
        if (policy instanceof Intrinsic intrinsic && intrinsic.value() instanceof List<?> branches) {
            branches.stream().skip(1).forEach(branch -> collectStatements(branch, into));
        } else if (policy instanceof Map<?, ?> map && map.get("Statement") instanceof List<?>) {
            into.addAll(maps(map.get("Statement")));
        }
    }

    private static List<Object> resourcesOf(Map<String, Object> statement) {
        Object resource = statement.get("Resource");
        return resource instanceof List<?> list ? List.copyOf(list) : List.of(resource);
    }

    private static List<Map<String, Object>> statements(Map<String, Object> role) {
        return maps(role.get("Policies")).stream()
                .flatMap(policy -> maps(asMap(policy.get("PolicyDocument")).get("Statement")).stream()).toList();
    }

    private static List<String> actions(Map<String, Object> statement) {
        Object actions = statement.get("Action");
        return actions instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(actions));
    }

    /** The resource that {@code !Ref X}, {@code !GetAtt X.Attr} or {@code !GetAtt [X, Attr]} names. */
    private static String target(Object reference) {
        assertThat(reference).as("a reference to a resource of the template").isInstanceOf(Intrinsic.class);
        Intrinsic intrinsic = (Intrinsic) reference;
        assertThat(intrinsic.tag()).isIn("!Ref", "!GetAtt");
        Object value = intrinsic.value();
        String name = value instanceof List<?> list ? String.valueOf(list.get(0)) : String.valueOf(value).split("\\.")[0];
        assertThat(asMap(template.get("Resources"))).as("resources of the template").containsKey(name);
        return name;
    }


    private static Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        asMap(template.get("Resources")).forEach((name, resource) -> {
            if (type.equals(asMap(resource).get("Type"))) {
                found.put(name, asMap(resource));
            }
        });
        assertThat(found).as(type + " resources in template.yaml").isNotEmpty();
        return found;
    }

    private static Map<String, Object> properties(Map<String, Object> resource) {
        return asMap(resource.get("Properties"));
    }

    private static Map<String, Object> environment(Map<String, Object> function) {
        return asMap(asMap(function.get("Environment")).get("Variables"));
    }

    private static List<String> keySchema(Object yamlKeySchema) {
        return maps(yamlKeySchema).stream().map(key -> key.get("AttributeName") + ":" + key.get("KeyType")).toList();
    }

    private static List<String> keySchema(List<KeySchemaElement> keySchema) {
        return keySchema.stream().map(key -> key.attributeName() + ":" + key.keyTypeAsString()).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object list) {
        return (List<Map<String, Object>>) list;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object map) {
        assertThat(map).isInstanceOf(Map.class);
        return (Map<String, Object>) map;
    }

    private static String slashes(Path path) {
        return path.toString().replace('\\', '/');
    }

    /** Parses CloudFormation YAML: short-form intrinsics become {@link Intrinsic} values instead of failing the parse. */
    static Map<String, Object> load(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        Yaml yaml = new Yaml(new CloudFormationConstructor(options));
        try (InputStream in = Files.newInputStream(file)) {
            return yaml.load(in);
        }
    }

    private static final class CloudFormationConstructor extends SafeConstructor {

        CloudFormationConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(null, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    Object value;
                    if (node instanceof ScalarNode scalar) {
                        value = constructScalar(scalar);
                    } else if (node instanceof SequenceNode sequence) {
                        value = constructSequence(sequence);
                    } else {
                        value = constructMapping((MappingNode) node);
                    }
                    return new Intrinsic(node.getTag().getValue(), value);
                }
            });
        }
    }
}
