/**
 * The JDBC connectors' engine: database dialects (SQL, identifier quoting, type mapping), table metadata, the
 * source's table queriers and poll session, and the sink's record layout and batch writer. May change at any time.
 */
@NullMarked
package io.tributary.connect.jdbc.internal;

import org.jspecify.annotations.NullMarked;
