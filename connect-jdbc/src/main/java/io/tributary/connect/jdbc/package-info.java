/**
 * The bundled JDBC connectors, configured with the keys of Confluent's JDBC connector:
 * {@link io.tributary.connect.jdbc.JdbcSourceConnector} reads tables or a query into topics (bulk, incrementing,
 * timestamp or timestamp+incrementing offsets), {@link io.tributary.connect.jdbc.JdbcSinkConnector} writes topics
 * into tables (insert, upsert or update, with auto-create and auto-evolve). PostgreSQL is the bundled dialect; other
 * databases work through the generic (ANSI SQL) dialect once their driver is on the plugin path.
 */
@NullMarked
package io.tributary.connect.jdbc;

import org.jspecify.annotations.NullMarked;
