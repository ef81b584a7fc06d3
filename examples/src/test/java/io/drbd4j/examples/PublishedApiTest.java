package io.drbd4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.drbd4j.chef.Backend;
import io.drbd4j.chef.ChefHaCluster;
import io.drbd4j.core.model.DeviceStatus;
import io.drbd4j.core.proc.ParseOptions;
import io.drbd4j.exec.runner.Command;
import io.drbd4j.exec.runner.SshTarget;
import io.drbd4j.micrometer.DrbdMetrics;
import io.drbd4j.micrometer.StateMeters;
import io.drbd4j.micrometer.StatusSource;
import io.drbd4j.testkit.SimulatedDrbdCluster;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API of every library module names only drbd4j's own types: Immutables' generated {@code Immutable*} classes
 * stay package private, so consumers never compile against them (nor against the annotations Immutables might put on
 * them). Each module is found from one of its classes on this module's class path (its jar, or its classes folder).
 */
class PublishedApiTest {
    /**
     * Returns each library module's anchor (a class of it) and types its exported API must be seen to hold.
     *
     * @return the arguments of the tests
     */
    static Stream<Arguments> modules() {
        return Stream.of(
                Arguments.of(DeviceStatus.class, List.of(DeviceStatus.Builder.class, ParseOptions.Builder.class)),
                Arguments.of(Command.class, List.of(Command.Builder.class, SshTarget.Builder.class)),
                Arguments.of(SimulatedDrbdCluster.class, List.of(SimulatedDrbdCluster.Builder.class)),
                Arguments.of(ChefHaCluster.class, List.of(ChefHaCluster.Builder.class, Backend.Builder.class)),
                Arguments.of(DrbdMetrics.class, List.of(StatusSource.class, StateMeters.class)));
    }

    @ParameterizedTest
    @MethodSource("modules")
    void noPublicMemberOfAnExportedPackageNamesAGeneratedImmutableClass(Class<?> anchor, List<Class<?>> expected)
            throws Exception {
        List<Class<?>> api = apiTypes(anchor);
        assertThat(api)
                .as("public types of the exported packages")
                .contains(anchor)
                .containsAll(expected);

        Set<String> leaks = new TreeSet<>();
        for (Class<?> type : api) {
            for (Method m : members(type.getMethods(), type.getDeclaredMethods())) {
                if (m.getDeclaringClass() != Object.class) {
                    check(leaks, m, m.getGenericReturnType());
                    checkAll(leaks, m, m);
                }
            }
            for (Constructor<?> c : members(type.getConstructors(), type.getDeclaredConstructors())) {
                checkAll(leaks, c, c);
            }
            for (Field f : members(type.getFields(), type.getDeclaredFields())) {
                check(leaks, f, f.getGenericType());
            }
            for (Type i : type.getGenericInterfaces()) {
                check(leaks, type.getName() + " implements", i);
            }
        }
        assertThat(leaks).as("API members naming a generated Immutable* class").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("modules")
    void generatedImmutableClassesArePackagePrivate(Class<?> anchor, List<Class<?>> expected) throws Exception {
        List<Class<?>> generated = new ArrayList<>();
        for (Class<?> type : classesOfExportedPackages(anchor)) {
            if (type.getSimpleName().startsWith("Immutable")) {
                generated.add(type);
            }
        }
        if (anchor != SimulatedDrbdCluster.class && anchor != DrbdMetrics.class) { // no value types there
            assertThat(generated).as("generated value classes").isNotEmpty();
        }
        assertThat(generated)
                .as("generated value classes that are public")
                .filteredOn(t -> Modifier.isPublic(t.getModifiers()))
                .isEmpty();
    }

    private static void checkAll(Set<String> leaks, Object where, Executable e) {
        for (Type p : e.getGenericParameterTypes()) {
            check(leaks, where, p);
        }
        for (Type x : e.getGenericExceptionTypes()) {
            check(leaks, where, x);
        }
    }

    private static void check(Set<String> leaks, Object where, Type type) {
        if (mentionsGenerated(type, new HashSet<>())) {
            leaks.add(where + " -> " + type.getTypeName());
        }
    }

    private static boolean mentionsGenerated(Type type, Set<Type> seen) {
        if (!seen.add(type)) {
            return false;
        }
        if (type instanceof Class<?> c) {
            for (Class<?> k = c; k != null; k = k.isArray() ? k.getComponentType() : k.getEnclosingClass()) {
                if (k.getSimpleName().startsWith("Immutable")) {
                    return true;
                }
            }
            return false;
        }
        if (type instanceof ParameterizedType p) {
            boolean owner = p.getOwnerType() != null && mentionsGenerated(p.getOwnerType(), seen);
            return owner
                    || mentionsGenerated(p.getRawType(), seen)
                    || Stream.of(p.getActualTypeArguments()).anyMatch(a -> mentionsGenerated(a, seen));
        }
        if (type instanceof WildcardType w) {
            return Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds()))
                    .anyMatch(b -> mentionsGenerated(b, seen));
        }
        if (type instanceof TypeVariable<?> v) {
            return Stream.of(v.getBounds()).anyMatch(b -> mentionsGenerated(b, seen));
        }
        if (type instanceof GenericArrayType a) {
            return mentionsGenerated(a.getGenericComponentType(), seen);
        }
        return false;
    }

    /** Public members plus protected declared ones: what a consumer (or its subclass) can name. */
    @SafeVarargs
    private static <M extends Member> List<M> members(M[] publicOnes, M[]... declared) {
        List<M> all = new ArrayList<>(List.of(publicOnes));
        for (M[] ms : declared) {
            for (M m : ms) {
                if (Modifier.isProtected(m.getModifiers())) {
                    all.add(m);
                }
            }
        }
        return all;
    }

    /** The public types a consumer can reach: public top-level types and their public or protected member types. */
    private static List<Class<?>> apiTypes(Class<?> anchor) throws IOException, URISyntaxException {
        List<Class<?>> api = new ArrayList<>();
        for (Class<?> type : classesOfExportedPackages(anchor)) {
            if (type.getEnclosingClass() == null && Modifier.isPublic(type.getModifiers())) {
                addWithMembers(api, type);
            }
        }
        return api;
    }

    private static void addWithMembers(List<Class<?>> api, Class<?> type) {
        api.add(type);
        for (Class<?> nested : type.getDeclaredClasses()) {
            if (Modifier.isPublic(nested.getModifiers()) || Modifier.isProtected(nested.getModifiers())) {
                addWithMembers(api, nested);
            }
        }
    }

    /** Every class file of the packages the anchor's module-info exports. */
    private static List<Class<?>> classesOfExportedPackages(Class<?> anchor) throws IOException, URISyntaxException {
        Path location = Path.of(
                anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(location)) {
            return classesUnder(anchor, location);
        }
        try (FileSystem jar = FileSystems.newFileSystem(location)) {
            return classesUnder(anchor, jar.getPath("/"));
        }
    }

    private static List<Class<?>> classesUnder(Class<?> anchor, Path root) throws IOException {
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(root.resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        List<Class<?>> classes = new ArrayList<>();
        for (ModuleDescriptor.Exports export : descriptor.exports()) {
            assertThat(export.isQualified())
                    .as("qualified export of %s", export.source())
                    .isFalse();
            Path dir = root.resolve(export.source().replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".class") && !name.equals("package-info.class")) {
                        String binaryName = export.source() + "." + name.substring(0, name.length() - 6);
                        try {
                            classes.add(Class.forName(binaryName, false, anchor.getClassLoader()));
                        } catch (ClassNotFoundException e) {
                            throw new AssertionError(binaryName + " is listed but does not load", e);
                        }
                    }
                }
            }
        }
        return classes;
    }
}
