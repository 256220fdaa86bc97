package jipp.engine;

import static org.codelibs.opensearch.runner.OpenSearchRunner.newConfigs;

import java.util.concurrent.CountDownLatch;

import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Runs one node of a multi-process OpenSearch cluster on 127.0.0.1 (deploy/prod-local.sh).
 *
 * <p>Arguments: node name, HTTP port, transport port, data directory, the transport
 * addresses of all nodes (comma-separated), the names of all cluster-manager-eligible nodes
 * (comma-separated). Each node runs in its own JVM, so that stopping one process loses one
 * node, as in production. The data directory is deleted on shutdown: a restarted node
 * recovers its shards from the replicas on the other nodes.
 */
public final class ClusterNodeMain {
    private ClusterNodeMain() {}

    public static void main(String[] args) throws InterruptedException {
        String nodeName = args[0];
        int httpPort = Integer.parseInt(args[1]);
        int transportPort = Integer.parseInt(args[2]);
        String basePath = args[3];
        String[] seedHosts = args[4].split(",");
        String[] managers = args[5].split(",");
        OpenSearchRunner runner = new OpenSearchRunner();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
                runner.clean();
            } catch (Exception e) {
                System.err.println("engine: error while stopping: " + e);
            }
            stopped.countDown();
        }));
        try {
            build(runner, nodeName, httpPort, transportPort, basePath, seedHosts, managers);
        } catch (RuntimeException e) {
            System.err.println("engine: node " + nodeName + " did not start: " + e);
            Runtime.getRuntime().halt(1);
        }
        System.out.println("engine: node " + nodeName + " on http://127.0.0.1:" + httpPort);
        stopped.await();
    }

    private static void build(OpenSearchRunner runner, String nodeName, int httpPort,
            int transportPort, String basePath, String[] seedHosts, String[] managers) {
        runner.onBuild((number, settings) -> {
            settings.put("node.name", nodeName);
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", httpPort);
            settings.put("transport.port", transportPort);
            settings.put("discovery.type", "zen");
            settings.putList("discovery.seed_hosts", seedHosts);
            settings.putList("cluster.initial_cluster_manager_nodes", managers);
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
        }).build(newConfigs()
                .numOfNode(1)
                .baseHttpPort(httpPort - 1)
                .clusterName("jipp-sulsel-cluster")
                .basePath(basePath));
    }
}
