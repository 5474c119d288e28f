/**
 * The file connectors, as in Kafka Connect: {@link io.tributary.connect.file.FileStreamSourceConnector} follows a
 * file and writes each line to a topic, resuming after the last line written; {@link
 * io.tributary.connect.file.FileStreamSinkConnector} appends each record's value as a line to a file. Meant for
 * demonstrations and tests rather than production pipelines.
 */
@NullMarked
package io.tributary.connect.file;

import org.jspecify.annotations.NullMarked;
