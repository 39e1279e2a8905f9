package io.herald.local;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the project's checkout from wherever a test or the launcher runs. */
public final class LocalPaths {

    private LocalPaths() {
    }

    /**
     * The checkout's root: HERALD_HOME if set, else the nearest directory holding {@code infra/local/package.json}
     * above the working directory or above this class's own jar (so the launcher works from any directory).
     */
    public static Path projectRoot() {
        String configured = System.getenv("HERALD_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        return Stream.of(Path.of(""), codeLocation())
                .flatMap(start -> Optional.ofNullable(start).flatMap(LocalPaths::checkoutAbove).stream())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("cannot find the Herald checkout above "
                        + Path.of("").toAbsolutePath() + "; set HERALD_HOME"));
    }

    private static Optional<Path> checkoutAbove(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("infra/local/package.json"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static Path codeLocation() {
        try {
            return Path.of(LocalPaths.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException unknown) {
            return null;
        }
    }

    /** The JVM jar the Quarkus build writes for a function module ({@code <module>/target/<name>-runner.jar}). */
    public static Path runnerJar(String module) {
        return findRunnerJar(module).orElseThrow(() -> new IllegalStateException(
                "no *-runner.jar in " + module + "/target: build first (./mvnw -B package -DskipTests)"));
    }

    /** The module's {@code *-runner.jar}, if it has been built. */
    public static Optional<Path> findRunnerJar(String module) {
        Path target = projectRoot().resolve(module).resolve("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-runner.jar")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static Path nodeModules() {
        return projectRoot().resolve("infra/local/node_modules");
    }
}
