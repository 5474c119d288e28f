/** Value types shared by every Tributary module: {@link io.tributary.common.TopicPartition} and record headers. */
@NullMarked
package io.tributary.common;

import org.jspecify.annotations.NullMarked;
