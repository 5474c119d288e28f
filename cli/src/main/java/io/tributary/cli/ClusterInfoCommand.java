package io.tributary.cli;

import io.tributary.admin.BrokerNode;
import io.tributary.admin.ClusterDescription;
import io.tributary.cli.internal.Output;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;

/** {@code tributary cluster info}: the cluster id, the controller and the live brokers. */
@Command(name = "info", description = "Shows the cluster id, the controller and the brokers.")
final class ClusterInfoCommand extends ClientCommand {
    @Override
    int run() throws Exception {
        ClusterDescription cluster = withAdmin(admin -> await(admin.describeCluster()));
        BrokerNode controller = cluster.controller();
        Output output = output();
        if (output.isJson()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("clusterId", cluster.clusterId());
            json.put("controller", controller == null ? null : node(controller));
            json.put("brokers", cluster.nodes().stream().map(ClusterInfoCommand::node).toList());
            output.json(json);
        } else {
            output.line("Cluster ID: " + cluster.clusterId());
            output.line("Controller: " + (controller == null ? "none" : controller.id()));
            output.table(List.of("ID", "HOST", "PORT", "RACK"), cluster.nodes().stream()
                .map(n -> Output.row(n.id(), n.host(), n.port(), n.rack()))
                .toList());
        }
        return 0;
    }

    private static Map<String, @Nullable Object> node(BrokerNode n) {
        Map<String, @Nullable Object> json = new LinkedHashMap<>();
        json.put("id", n.id());
        json.put("host", n.host());
        json.put("port", n.port());
        json.put("rack", n.rack());
        return json;
    }
}
