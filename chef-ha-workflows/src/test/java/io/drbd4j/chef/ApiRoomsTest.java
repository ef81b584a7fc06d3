package io.drbd4j.chef;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The API room exposes nothing of the engine or the guards, and the module exports only the API room. */
class ApiRoomsTest {
    private static Path classes() throws URISyntaxException {
        return Path.of(Workflow.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    }

    @Test
    void moduleExportsOnlyTheApiPackage() throws URISyntaxException {
        ModuleDescriptor module =
                ModuleFinder.of(classes()).find("io.drbd4j.chef").orElseThrow().descriptor();

        assertThat(module.exports())
                .extracting(ModuleDescriptor.Exports::source)
                .containsExactly("io.drbd4j.chef");
        assertThat(module.packages()).contains("io.drbd4j.chef", "io.drbd4j.chef.engine", "io.drbd4j.chef.guards");
    }

    @Test
    void noPublicTypeOfTheApiExposesAnEngineOrGuardType() throws Exception {
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes().resolve("io/drbd4j/chef"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName("io.drbd4j.chef."
                        + name.replace('$', '.').replace(".", "$").replaceFirst("^([^$]*)", "$1"));
                if (type.getName().equals("io.drbd4j.chef.package-info") || type.isSynthetic()) {
                    continue;
                }
                types.add(type);
            }
        }
        List<String> exposed = new ArrayList<>();
        int publicTypes = 0;
        for (Class<?> type : types) {
            if (!visible(type)) {
                continue;
            }
            publicTypes++;
            for (Method m : type.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic()) {
                    check(exposed, type + "." + m.getName(), m.getGenericReturnType());
                    for (Type p : m.getGenericParameterTypes()) {
                        check(exposed, type + "." + m.getName(), p);
                    }
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (visible(c.getModifiers())) {
                    for (Type p : c.getGenericParameterTypes()) {
                        check(exposed, type + " constructor", p);
                    }
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (visible(f.getModifiers())) {
                    check(exposed, type + "." + f.getName(), f.getGenericType());
                }
            }
            check(exposed, type + " supertype", type.getGenericSuperclass());
            for (Type i : type.getGenericInterfaces()) {
                check(exposed, type + " interface", i);
            }
        }
        assertThat(publicTypes).as("public types of io.drbd4j.chef").isGreaterThan(20);
        assertThat(exposed).isEmpty();
    }

    private static boolean visible(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(List<String> exposed, String where, Type type) {
        if (type == null) {
            return;
        }
        String name = type.getTypeName();
        if (name.contains("io.drbd4j.chef.engine.") || name.contains("io.drbd4j.chef.guards.")) {
            exposed.add(where + ": " + name);
        }
    }
}
