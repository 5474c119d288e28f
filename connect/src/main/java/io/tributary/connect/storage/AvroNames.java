package io.tributary.connect.storage;

/**
 * The names and properties by which Connect schemas travel in Avro schemas, shared by both directions of the
 * translation. Connect details that Avro cannot express ride as {@code connect.*} properties, as Confluent's
 * converter also does, so a schema read back is the schema written.
 */
final class AvroNames {
    /** The namespace of records made up for unnamed structs and for map entries. */
    static final String NAMESPACE = "io.tributary.connect.avro";
    /** The name of records made up for unnamed structs (numbered after the first). */
    static final String DEFAULT_RECORD = "ConnectDefault";
    /** The name of records holding one entry of a map whose keys are not strings (numbered after the first). */
    static final String MAP_ENTRY = "MapEntry";

    static final String CONNECT_NAME = "connect.name";
    static final String CONNECT_VERSION = "connect.version";
    static final String CONNECT_DOC = "connect.doc";
    static final String CONNECT_PARAMETERS = "connect.parameters";
    /** {@code int8} or {@code int16}, on an Avro int that holds one. */
    static final String CONNECT_TYPE = "connect.type";
    /** The default of a schema outside a record field, as Kafka Connect JSON text. */
    static final String CONNECT_DEFAULT = "connect.default";
    /** On a record field whose Connect name is not a valid Avro name: the Connect name. */
    static final String CONNECT_FIELD = "connect.field";
    /** {@value #MAP_ENTRY} on the record of a map encoded as an array of entries. */
    static final String CONNECT_INTERNAL_TYPE = "connect.internal.type";

    private AvroNames() {
    }
}
