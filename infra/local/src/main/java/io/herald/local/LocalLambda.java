package io.herald.local;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import io.quarkus.amazon.lambda.runtime.MockEventServer;
import io.quarkus.amazon.lambda.runtime.MockHttpEventServer;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Lambda function's packaged JVM jar, run the way Lambda's Java runtime runs it: AWS's Runtime Interface
 * Client in a child JVM polls Quarkus' mock event server for invocations. Quarkus dev mode is not available
 * here, and a plain {@code java -jar} of a Lambda jar does not poll the runtime API, so this is how the local
 * stack and the benchmark run real function code. Closing it stops the child JVM and the event server.
 */
public final class LocalLambda implements AutoCloseable {

    /** The handler of every quarkus-amazon-lambda(-http) application. */
    public static final String QUARKUS_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    /** What the event server in front of the function speaks. */
    public enum Trigger {
        /** Plain HTTP on the port, turned into API Gateway events (quarkus-amazon-lambda-http). */
        HTTP(MockHttpEventServer::new),
        /** Raw events POSTed to {@code /_lambda_}, answered with the function's result (SQS batches, schedules). */
        EVENTS(MockEventServer::new);

        private final Supplier<MockEventServer> server;

        Trigger(Supplier<MockEventServer> server) {
            this.server = server;
        }
    }

    /**
     * How to run one function.
     *
     * @param name       the function's name (AWS_LAMBDA_FUNCTION_NAME), used in messages
     * @param jar        the {@code *-runner.jar} the Quarkus build wrote (its manifest names its {@code lib/})
     * @param handler    the handler the runtime client calls
     * @param trigger    the event server in front of it
     * @param port       the event server's port
     * @param env        the function's environment, on top of what Lambda itself sets
     * @param jvmOptions options for the child JVM
     * @param output     where the function's stdout and stderr go
     */
    public record Options(String name, Path jar, String handler, Trigger trigger, int port, Map<String, String> env,
                          List<String> jvmOptions, ProcessBuilder.Redirect output) {

        /** Lambda's managed Java runtime starts the JVM with C1 only and the serial collector: start-up wins over peak speed. */
        public static final List<String> LAMBDA_JVM_OPTIONS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

        public Options {
            env = Map.copyOf(env);
            jvmOptions = List.copyOf(jvmOptions);
        }

        /** An HTTP function on a free port, with Lambda's JVM options, its output on this process's console. */
        public static Options http(String name, Path jar) {
            return new Options(name, jar, QUARKUS_HANDLER, Trigger.HTTP, Dynalite.freePort(), Map.of(),
                    LAMBDA_JVM_OPTIONS, ProcessBuilder.Redirect.INHERIT);
        }

        /** A function behind a raw-event server (SQS batches, schedules) on a free port, with Lambda's JVM options, its output on this console. */
        public static Options events(String name, Path jar, String handler) {
            return new Options(name, jar, handler, Trigger.EVENTS, Dynalite.freePort(), Map.of(),
                    LAMBDA_JVM_OPTIONS, ProcessBuilder.Redirect.INHERIT);
        }

        public Options withPort(int newPort) {
            return new Options(name, jar, handler, trigger, newPort, env, jvmOptions, output);
        }

        public Options withEnv(Map<String, String> newEnv) {
            return new Options(name, jar, handler, trigger, port, newEnv, jvmOptions, output);
        }

        public Options withOutput(ProcessBuilder.Redirect newOutput) {
            return new Options(name, jar, handler, trigger, port, env, jvmOptions, newOutput);
        }

        public Options withJvmOptions(List<String> newJvmOptions) {
            return new Options(name, jar, handler, trigger, port, env, newJvmOptions, output);
        }
    }

    /** The runtime client's property naming its JNI library, which it then loads instead of unpacking its own. */
    private static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static Optional<Path> jniLibrary;

    private final Options options;
    private final MockEventServer server;
    private final Process process;
    private final long startedNanos;

    private LocalLambda(Options options, MockEventServer server, Process process, long startedNanos) {
        this.options = options;
        this.server = server;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /** Starts the event server, then the function's JVM; returns without waiting for the function (see {@link #awaitFirstResponse}). */
    public static LocalLambda start(Options options) {
        if (!Files.isRegularFile(options.jar())) {
            throw new IllegalStateException("no function jar at " + options.jar() + ": build it first (./mvnw -B install -DskipTests)");
        }
        MockEventServer server = options.trigger().server.get();
        server.start(options.port());
        try {
            ProcessBuilder builder = new ProcessBuilder(command(options))
                    .directory(options.jar().getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(options.output());
            builder.environment().clear();
            builder.environment().putAll(environment(options));
            long startedNanos = System.nanoTime();
            return new LocalLambda(options, server, builder.start(), startedNanos);
        } catch (IOException | RuntimeException e) {
            closeQuietly(server);
            throw new IllegalStateException("cannot start the function " + options.name(), e);
        }
    }

    /** The function's URL: plain HTTP for an HTTP trigger, the raw-event endpoint's base otherwise. */
    public URI url() {
        return URI.create("http://localhost:" + options.port());
    }

    /** Where raw events are POSTed for an {@link Trigger#EVENTS} function. */
    public URI eventUrl() {
        return url().resolve(MockEventServer.BASE_PATH);
    }

    public Path jar() {
        return options.jar();
    }

    public ProcessHandle process() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends GET {@code path} until the function answers with any status, and returns the time from the
     * child JVM's start to that answer. Fails at once if the function exits.
     */
    public Duration awaitFirstResponse(String path, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(url().resolve(path)).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the function " + options.name() + " exited with code " + process.exitValue() + " before answering");
            }
            try {
                client.send(request, HttpResponse.BodyHandlers.discarding());
                return Duration.ofNanos(System.nanoTime() - startedNanos);
            } catch (IOException notYet) {
                // the event server holds the request until the runtime client polls: a timeout means "not yet"
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the function " + options.name() + " did not answer GET " + path + " within " + timeout);
    }

    /** The child JVM's resident set size, where the OS exposes it ({@code /proc} on Linux). */
    public OptionalLong residentBytes() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                    .findFirst();
        } catch (IOException | UncheckedIOException notLinux) {
            return OptionalLong.empty();
        }
    }

    /** Stops the function (its JVM and anything it started) and the event server. */
    @Override
    public void close() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                handle.destroyForcibly();
            }
        }
        closeQuietly(server);
    }

    private static List<String> command(Options options) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.jvmOptions());
        runtimeClientJni().ifPresent(library -> command.add("-D" + JNI_PROPERTY + "=" + library));
        command.add("-cp");
        command.add(Stream.concat(Stream.of(options.jar()), runtimeClientClasspath().stream())
                .map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(AWSLambda.class.getName());
        command.add(options.handler());
        return command;
    }

    /**
     * Left alone, the runtime client copies its JNI library to one fixed file, {@code /tmp/.libaws-lambda-jni.so},
     * each time it starts: functions starting at the same moment (the worker's three, another checkout's tests)
     * overwrite it under each other, and a JVM dies of SIGBUS in the dynamic linker. So this process unpacks the
     * library once, to a file of its own, and names it with the client's own property.
     */
    private static synchronized Optional<Path> runtimeClientJni() {
        if (jniLibrary == null) {
            jniLibrary = unpackJni();
        }
        return jniLibrary;
    }

    private static Optional<Path> unpackJni() {
        String arch = System.getProperty("os.arch");
        String name = arch.equals("amd64") || arch.equals("x86_64") ? "libaws-lambda-jni.linux-x86_64.so"
                : arch.equals("aarch64") ? "libaws-lambda-jni.linux-aarch_64.so" : null;
        if (name == null || !System.getProperty("os.name").startsWith("Linux")) {
            return Optional.empty();
        }
        try (InputStream library = AWSLambda.class.getResourceAsStream("/jni/" + name)) {
            if (library == null) {
                return Optional.empty();
            }
            Path file = Files.createTempFile("herald-lambda-jni-", ".so");
            file.toFile().deleteOnExit();
            Files.copy(library, file, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the Lambda runtime client's JNI library", e);
        }
    }

    /** The runtime client and its own dependencies, wherever this class loader found them (a Maven repository, a lib/ folder). */
    private static List<Path> runtimeClientClasspath() {
        return Stream.of(AWSLambda.class, PojoSerializer.class, SdkInternalThreadLocal.class)
                .map(LocalLambda::jarOf).distinct().toList();
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What Lambda sets for every function, with dummy credentials: local emulators accept any. */
    private static Map<String, String> environment(Options options) {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> ours = System.getenv();
        for (String inherited : List.of("PATH", "HOME", "LANG", "TZ", "TMPDIR")) {
            if (ours.containsKey(inherited)) {
                env.put(inherited, ours.get(inherited));
            }
        }
        env.put("AWS_LAMBDA_RUNTIME_API", "localhost:" + options.port() + MockEventServer.BASE_PATH);
        env.put("AWS_LAMBDA_FUNCTION_NAME", options.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("LAMBDA_TASK_ROOT", options.jar().getParent().toString());
        env.putAll(options.env());
        return env;
    }

    private static void closeQuietly(MockEventServer server) {
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("event server on port " + server.getPort() + " did not close cleanly: " + e);
        }
    }
}
