package io.herald.local;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * The functions a worker jar exports: the {@code @Funq} methods of its WorkerFunctions class. Funqy stops a process
 * whose QUARKUS_FUNQY_EXPORT names no function, so the local stack starts only what the jar it found declares (a
 * jar built before an export existed simply runs without it).
 */
public final class WorkerExports {

    static final String FUNCTIONS_CLASS = "io.herald.worker.WorkerFunctions";
    static final String FUNQ = "io.quarkus.funqy.Funq";

    private WorkerExports() {
    }

    /** The export names (Funqy's default: the method name), read without running any of the jar's code. */
    public static Set<String> declared(Path jar) {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> functions = Class.forName(FUNCTIONS_CLASS, false, loader);
            Set<String> exports = new TreeSet<>();
            for (Method method : functions.getDeclaredMethods()) {
                Arrays.stream(method.getAnnotations()).filter(a -> a.annotationType().getName().equals(FUNQ)).findFirst()
                        .ifPresent(funq -> exports.add(name(funq, method)));
            }
            return exports;
        } catch (IOException | ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("cannot read the functions of " + jar + ": " + e, e);
        }
    }

    /** {@code @Funq("name")} renames a function; without a value it is the method's name. */
    private static String name(java.lang.annotation.Annotation funq, Method method) {
        try {
            Object value = funq.annotationType().getMethod("value").invoke(funq);
            return value instanceof String named && !named.isBlank() ? named : method.getName();
        } catch (ReflectiveOperationException e) {
            return method.getName();
        }
    }
}
