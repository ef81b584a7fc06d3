package io.drbd4j.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of drbd4j: an abstract value type {@code Foo} gets a package-private generated {@code
 * ImmutableFoo} that uses only the JDK (no Guava at run time), with plain accessor names (no {@code get} prefix).
 *
 * <p>Consumers see only drbd4j's own types: {@code Foo} declares {@code Foo.Builder extends ImmutableFoo.Builder},
 * whose methods return {@code Foo.Builder} and whose {@code build()} returns {@code Foo}. A collection attribute
 * {@code backends} gets {@code addBackend(one)}, {@code addBackends(several...)} and {@code addAllBackends(iterable)}.
 * No annotation from a jar outside the JDK is written into a generated class: a consumer compiling with {@code
 * -Xlint:all} against drbd4j's jars would otherwise be warned that {@code org.immutables.value.Generated} is
 * missing.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
        jdkOnly = true,
        // Package private: the abstract type is the API, its generated implementation is not.
        visibility = Value.Style.ImplementationVisibility.PACKAGE,
        // build(), copyOf() and the builders' fluent methods return the abstract type, not ImmutableFoo.
        overshadowImplementation = true,
        depluralize = true,
        // Override is always present, so listing only it lets through neither @org.immutables.value.Generated,
        // @javax.annotation.processing.Generated nor a @Nullable found on the processor's class path.
        allowedClasspathAnnotations = {Override.class},
        defaults = @Value.Immutable(copy = true))
public @interface Drbd4jStyle {}
