/** Test support: a JUnit 5 extension with an embedded Tributary broker. */
@NullMarked
package io.tributary.testkit;

import org.jspecify.annotations.NullMarked;
