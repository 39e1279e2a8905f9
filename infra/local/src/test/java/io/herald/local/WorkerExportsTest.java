package io.herald.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerExportsTest {

    @TempDir
    Path dir;

    @Test
    void theExportsAreTheFunqMethodsByNameOrByTheirAnnotationsValue() throws IOException {
        Path jar = jar(
                "package io.quarkus.funqy; @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)"
                        + " public @interface Funq { String value() default \"\"; }",
                "package io.herald.worker; public class WorkerFunctions {"
                        + " @io.quarkus.funqy.Funq public String track(String in) { return in; }"
                        + " @io.quarkus.funqy.Funq(\"reconcile\") public String recount() { return \"\"; }"
                        + " public String helper() { return \"\"; } }");

        assertThat(WorkerExports.declared(jar)).containsExactly("reconcile", "track");
    }

    @Test
    void aJarWithoutTheWorkerIsSaidClearly() throws IOException {
        Path jar = jar("package other; public class Nothing { }");

        assertThatThrownBy(() -> WorkerExports.declared(jar)).hasMessageContaining("cannot read the functions of");
    }

    /** Compiles the sources and packs their classes into a jar, as the worker's runner jar holds its own. */
    private Path jar(String... sources) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Stream.Builder<String> args = Stream.<String>builder().add("-d").add(classes.toString()).add("-proc:none");
        for (String source : sources) {
            // javac wants each public type in a file of its own name
            Path file = src.resolve(source.split("class |@interface ")[1].split("[ {]")[0] + ".java");
            Files.writeString(file, source);
            args.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler.run(null, null, null, args.build().toArray(String[]::new))).as("compiled").isZero();
        Path jar = dir.resolve("worker-runner.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
