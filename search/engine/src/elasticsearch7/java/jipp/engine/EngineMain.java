package jipp.engine;

import static org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner.newConfigs;

import java.util.concurrent.CountDownLatch;

import org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner;

/**
 * Runs a single Elasticsearch 7.10 node on 127.0.0.1 until the process is terminated.
 *
 * <p>Arguments: HTTP port, data directory. The data directory is deleted on shutdown: the
 * engine only holds an index that `manage.py update_index` rebuilds from the database.
 */
public final class EngineMain {
    private EngineMain() {}

    public static void main(String[] args) throws InterruptedException {
        int httpPort = Integer.parseInt(args[0]);
        String basePath = args[1];
        ElasticsearchClusterRunner runner = new ElasticsearchClusterRunner();
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
        runner.onBuild((number, settings) -> {
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", httpPort);
            settings.put("transport.port", httpPort + 100);
            // A shared development disk is often above the default watermarks.
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
        }).build(newConfigs()
                .numOfNode(1)
                .baseHttpPort(httpPort - 1)
                .clusterName("jipp-sulsel-search")
                .basePath(basePath));
        runner.ensureYellow();
        System.out.println("engine: Elasticsearch listening on http://127.0.0.1:" + httpPort);
        stopped.await();
    }
}
