package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

/**
 * The API of chef-ha-workflows names only drbd4j's own types: Immutables' generated {@code Immutable*} classes stay package
 * private, so consumers never compile against them (nor against the annotations Immutables might put on them).
 */
class GeneratedTypesStayHiddenTest {

    /** A class of this module, used to find the module's classes (a directory or a jar). */
    private static final Class<?> ANCHOR = ChefHaCluster.class;

    @Test
    void noPublicMemberOfAnExportedPackageNamesAGeneratedImmutableClass() throws Exception {
        List<Class<?>> api = apiTypes();
        assertThat(api)
                .as("public types of the exported packages")
                .contains(ChefHaCluster.class, ChefHaCluster.Builder.class, Backend.Builder.class);

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

    @Test
    void generatedImmutableClassesArePackagePrivate() throws Exception {
        List<Class<?>> generated = new ArrayList<>();
        for (Class<?> type : classesOfExportedPackages()) {
            if (type.getSimpleName().startsWith("Immutable")) {
                generated.add(type);
            }
        }
        assertThat(generated).as("generated value classes").isNotEmpty();
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
    private static List<Class<?>> apiTypes() throws IOException, URISyntaxException {
        List<Class<?>> api = new ArrayList<>();
        for (Class<?> type : classesOfExportedPackages()) {
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

    /** Every class file of the packages this module's module-info exports. */
    private static List<Class<?>> classesOfExportedPackages() throws IOException, URISyntaxException {
        Path location = Path.of(
                ANCHOR.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(location)) {
            return classesUnder(location);
        }
        try (FileSystem jar = FileSystems.newFileSystem(location)) {
            return classesUnder(jar.getPath("/"));
        }
    }

    private static List<Class<?>> classesUnder(Path root) throws IOException {
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
                            classes.add(Class.forName(binaryName, false, ANCHOR.getClassLoader()));
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
