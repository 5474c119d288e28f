package io.tributary.connect.transforms;

import static io.tributary.connect.transforms.Differential.config;
import static io.tributary.connect.transforms.DifferentialCase.of;
import static io.tributary.connect.transforms.Fixtures.PERSON;
import static io.tributary.connect.transforms.Fixtures.bare;
import static io.tributary.connect.transforms.Fixtures.onTopic;
import static io.tributary.connect.transforms.Fixtures.person;
import static io.tributary.connect.transforms.Fixtures.sink;
import static io.tributary.connect.transforms.Fixtures.value;

import io.tributary.connect.data.Schema;
import java.util.stream.Stream;

/** Differential rows for the routers, Filter and the predicates. */
final class RoutingCases {
    private static final String T = "org.apache.kafka.connect.transforms.";
    private static final String P = T + "predicates.";

    private RoutingCases() {
    }

    static Stream<DifferentialCase> cases() {
        return Stream.of(routers(), predicates()).flatMap(s -> s);
    }

    private static Stream<DifferentialCase> routers() {
        String regex = T + "RegexRouter";
        String time = T + "TimestampRouter";
        return Stream.of(
            of("regex with a group", regex, config("regex", "(.*)-raw", "replacement", "$1-clean"),
                onTopic("events-raw"), onTopic("events"), sink(null, null, Schema.STRING_SCHEMA, "v")),
            of("regex must match the whole topic", regex, config("regex", "ord", "replacement", "x"),
                onTopic("orders"), onTopic("ord")),
            of("invalid regex", regex, config("regex", "(", "replacement", "x"), onTopic("a")),
            of("missing replacement", regex, config("regex", "a"), onTopic("a")),
            of("timestamp default format", time, config(), value(PERSON, person()), sink(null, null, null, "v")),
            of("timestamp custom format", time, config("topic.format", "${timestamp}/${topic}/${topic}",
                "timestamp.format", "yyyy_MM_dd-HH"), value(PERSON, person())),
            of("record without timestamp", time, config(), bare(null, "v")),
            of("filter drops everything", T + "Filter", config("anything", "x"), value(PERSON, person()),
                bare(null, null)));
    }

    private static Stream<DifferentialCase> predicates() {
        io.tributary.connect.source.SourceRecord noHeaders = bare(Schema.STRING_SCHEMA, "v");
        return Stream.of(
            of("topic matches", P + "TopicNameMatches", config("pattern", "ord.*"), onTopic("orders"),
                onTopic("x-orders"), onTopic("ord")),
            of("topic pattern invalid", P + "TopicNameMatches", config("pattern", "[a"), onTopic("a")),
            of("topic pattern empty", P + "TopicNameMatches", config("pattern", ""), onTopic("a")),
            of("topic pattern missing", P + "TopicNameMatches", config(), onTopic("a")),
            of("header key present or not", P + "HasHeaderKey", config("name", "trace"), value(PERSON, person()),
                noHeaders),
            of("header key empty", P + "HasHeaderKey", config("name", ""), noHeaders),
            of("tombstone", P + "RecordIsTombstone", config(), value(PERSON, null), value(PERSON, person()),
                bare(null, null)));
    }
}
