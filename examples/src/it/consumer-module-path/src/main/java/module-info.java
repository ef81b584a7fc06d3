/** A consumer of drbd4j on the module path: README's first example in a module of its own. */
module io.drbd4j.examples.consumer {
    requires io.drbd4j.chef;
    requires io.drbd4j.testkit;
}
