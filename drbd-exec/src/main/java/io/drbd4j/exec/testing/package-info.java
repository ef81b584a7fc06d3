/**
 * Test doubles of the command seam for drbd4j's own tests and for users' tests: a scripted runner that answers
 * expected commands and fails on any other, and a recording runner that remembers every command it passes on.
 */
@NullMarked
package io.drbd4j.exec.testing;

import org.jspecify.annotations.NullMarked;
