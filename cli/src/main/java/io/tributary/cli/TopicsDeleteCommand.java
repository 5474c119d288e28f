package io.tributary.cli;

import io.tributary.cli.internal.ErrorMessages;
import io.tributary.cli.internal.Output;
import io.tributary.errors.ApiException;
import io.tributary.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary topics delete --topic orders}. */
@Command(name = "delete", description = "Deletes topics and their records.")
final class TopicsDeleteCommand extends ClientCommand {
    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "A topic to delete; repeatable.")
    List<String> topics = new ArrayList<>();

    @Option(names = "--if-exists", description = "Succeed if a topic does not exist.")
    boolean ifExists;

    @Override
    int run() throws Exception {
        List<String> deleted = new ArrayList<>();
        withAdmin(admin -> {
            for (String topic : topics) {
                try {
                    awaitDone(admin.deleteTopics(List.of(topic)));
                    deleted.add(topic);
                } catch (RuntimeException e) {
                    boolean missing = ErrorMessages.unwrap(e) instanceof ApiException api
                        && api.error() == ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
                    if (!(missing && ifExists)) {
                        throw e;
                    }
                }
            }
            return null;
        });
        Output output = output();
        if (output.isJson()) {
            output.json(Map.of("deleted", deleted));
        } else {
            deleted.forEach(t -> output.line("Deleted topic " + t + "."));
        }
        return 0;
    }
}
