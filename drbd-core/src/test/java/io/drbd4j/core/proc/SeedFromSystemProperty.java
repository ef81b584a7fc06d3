package io.drbd4j.core.proc;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Runs every property of a class with the seed in the system property {@value #PROPERTY} when it is set, so a long
 * run ({@code -Plong-properties -Dlong.seed=...}) can be repeated exactly; jqwik itself has no global seed setting.
 */
public final class SeedFromSystemProperty implements AroundPropertyHook {
    /** The system property holding the seed, a long in decimal. */
    public static final String PROPERTY = "drbd4j.jqwik.seed";

    /** Creates the hook; jqwik calls this. */
    public SeedFromSystemProperty() {}

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String seed = System.getProperty(PROPERTY, "").trim();
        if (!seed.isEmpty()) {
            context.attributes().setSeed(seed);
        }
        return property.execute();
    }

    /** Added to a class, the hook must reach that class's properties: jqwik's default reaches none. */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public int aroundPropertyProximity() {
        // Outside every other hook, before jqwik reads the attributes to generate.
        return -100;
    }
}
